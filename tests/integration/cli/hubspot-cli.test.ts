import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startFakeHubSpot, type FakeHubSpot } from '../../support/fake-hubspot';
import { runCli } from '../../support/run-thread';

// `thread hubspot …` as an operator runs it: a real process on a real embedded database, HubSpot from the
// environment (single-organisation mode), the real SDK against the fake HubSpot.
describe('thread hubspot', () => {
  let dataDir: string;
  let hubspot: FakeHubSpot;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'thread-hubspot-cli-'));
    hubspot = await startFakeHubSpot({ portalId: 5_550_001 });
    env = { THREAD_DATA_DIR: dataDir, HUBSPOT_ACCESS_TOKEN: hubspot.token, HUBSPOT_BASE_URL: hubspot.url };
  });
  afterAll(async () => {
    await hubspot.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('status says connected from the environment, test finds the HubSpot account, and status then shows it', async () => {
    const before = await runCli(['hubspot', 'status'], env);
    expect(before.code).toBe(0);
    expect(before.stdout).toContain('HubSpot in "My company": connected (token from HUBSPOT_ACCESS_TOKEN).');
    expect(before.stdout).toContain('HubSpot account (portal) id: not known yet');
    expect(before.stdout).toContain('Webhooks: off (no client secret)');
    expect(before.stdout).toContain('Last sync: never');

    const tested = await runCli(['hubspot', 'test'], env);
    expect(tested).toMatchObject({ code: 0 });
    expect(tested.stdout.trim()).toBe(
      'Connected to HubSpot account 5550001 (Europe/London): 1 deal pipeline. Onboarding starts at Sales Pipeline: Closed Won.',
    );

    const after = await runCli(['hubspot', 'status'], env);
    expect(after.stdout).toContain('HubSpot account (portal) id: 5550001');
    expect(after.stdout).not.toContain(hubspot.token);
  }, 120_000);

  it('test fails with HubSpot’s refusal in words and exit code 1', async () => {
    const refused = await runCli(['hubspot', 'test'], { ...env, HUBSPOT_ACCESS_TOKEN: 'pat-na1-revoked' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^thread: HubSpot refused the access token while reading the HubSpot account details/,
    );
  }, 120_000);
});
