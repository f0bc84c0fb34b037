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

  it('sync makes the account of a closed-won deal, pending its handoff, and says what the deal lacked', async () => {
    expect((await runCli(['templates', 'import', 'templates/b2b-saas-onboarding.yaml'], env)).code).toBe(0);
    hubspot.addOwner({ id: '77', email: 'ae@vendor.test', firstName: 'Alex', lastName: 'Seller' });
    const company = hubspot.addCompany({ name: 'Initech', domain: 'initech.test', industry: 'FINANCIAL_SERVICES' });
    const deal = hubspot.addDeal({
      dealname: 'Initech',
      amount: '',
      pipeline: 'default',
      dealstage: 'closedwon',
      hubspot_owner_id: '77',
    });
    const peter = hubspot.addContact({ firstname: 'Peter', lastname: 'Gibbons', email: 'peter@initech.test' });
    hubspot.associate({ type: 'deals', id: deal.id }, { type: 'companies', id: company.id }, { primary: true });
    hubspot.associate({ type: 'companies', id: company.id }, { type: 'contacts', id: peter.id });

    const synced = await runCli(['hubspot', 'sync'], env);
    expect(synced.code).toBe(0);
    expect(synced.stdout).toContain(`  deal ${deal.id}: account "Initech" made, pending its handoff`);
    expect(synced.stdout).toContain('    gap: the deal has no amount: ARR is 0');
    expect(synced.stdout).toContain('    gap: Slack is not connected, so the AE (ae@vendor.test) was not looked up');
    const listed = await runCli(['accounts', 'list'], env);
    expect(listed.stdout).toMatch(/Initech\s+pending_handoff/);

    const again = await runCli(['hubspot', 'sync'], env);
    expect(again.stdout).toContain(`  deal ${deal.id}: its account refreshed`);
    expect((await runCli(['hubspot', 'status'], env)).stdout).toMatch(/Last sync: \d{4}-\d{2}-\d{2}T/);
  }, 120_000);

  it('link ties an account typed into Thread to its HubSpot company, refuses an id that is not one, and unlinks', async () => {
    const made = await runCli(
      [
        'accounts',
        'create',
        '--name',
        'Hooli',
        '--template',
        'B2B SaaS Onboarding',
        '--contact-email',
        'gavin@hooli.test',
      ],
      env,
    );
    expect(made.code).toBe(0);
    const linked = await runCli(['hubspot', 'link', 'Hooli', '4242'], env);
    expect(linked).toMatchObject({ code: 0 });
    expect(linked.stdout.trim()).toBe(
      'Hooli is linked to HubSpot company 4242; the write-back keeps its Thread properties current.',
    );
    const wrong = await runCli(['hubspot', 'link', 'Hooli', 'hooli.com'], env);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('expected a HubSpot company id (digits only)');
    const unlinked = await runCli(['hubspot', 'link', 'Hooli', 'none'], env);
    expect(unlinked.stdout.trim()).toBe('Hooli is no longer linked to a HubSpot company.');
  }, 120_000);

  it('test fails with HubSpot’s refusal in words and exit code 1', async () => {
    const refused = await runCli(['hubspot', 'test'], { ...env, HUBSPOT_ACCESS_TOKEN: 'pat-na1-revoked' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^thread: HubSpot refused the access token while reading the HubSpot account details/,
    );
  }, 120_000);
});
