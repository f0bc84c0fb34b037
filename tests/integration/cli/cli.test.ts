import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../support/run-thread';

// Each command is a real process on a real embedded database in a temporary data directory.
describe('the admin command line', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'thread-cli-'));
    env = { THREAD_DATA_DIR: dataDir };
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('imports, lists and exports templates, and names the broken part of a bad file', async () => {
    const imported = await runCli(['templates', 'import', 'templates/b2b-saas-onboarding.yaml'], env);
    expect(imported).toMatchObject({ code: 0 });
    expect(imported.stdout).toMatch(/^Imported "B2B SaaS onboarding": 5 milestones, \d+ actions\.$/m);

    const bad = path.join(dataDir, 'bad.json');
    await writeFile(
      bad,
      JSON.stringify({
        name: 'Bad',
        milestones: [
          {
            name: 'Kickoff',
            planned_days: 3,
            actions: [{ key: 'a', name: 'A', type: 'email', trigger: { kind: 'soon' }, subject: 'Hi' }],
          },
        ],
      }),
    );
    const rejected = await runCli(['templates', 'import', bad], env);
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toContain('bad.json: milestones[0].actions[0].trigger.kind');

    const listed = await runCli(['templates', 'list'], env);
    expect(listed.stdout).toMatch(/B2B SaaS onboarding\s+v1\s+5\s+\d+\s+0/);

    const exported = await runCli(['templates', 'export', 'b2b saas onboarding'], env);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^name: B2B SaaS onboarding$/m);
  }, 120_000);

  it('creates and lists accounts, and explains bad arguments', async () => {
    const created = await runCli(
      [
        'accounts',
        'create',
        '--name',
        'Umbrella Freight',
        '--template',
        'B2B SaaS onboarding',
        '--csm',
        'U0CSM0001',
        '--arr',
        '72000',
        '--contact-email',
        'dana@umbrellafreight.io',
        '--contact-name',
        'Dana Scully',
        '--kickoff',
        '2026-03-02',
      ],
      env,
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(
      /Created "Umbrella Freight" \(\w+\): 5 milestones, \d+ actions; kickoff 2026-03-02, planned go-live \d{4}-\d{2}-\d{2}\./,
    );

    const badArr = await runCli(
      ['accounts', 'create', '--name', 'X', '--template', 'B2B SaaS onboarding', '--arr', 'lots'],
      env,
    );
    expect(badArr.code).not.toBe(0);
    expect(badArr.stderr).toContain("option '--arr <amount>' argument 'lots' is invalid. expected a whole number");

    const unknown = await runCli(['accounts', 'create', '--name', 'Y', '--template', 'Enterprise'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no template named "Enterprise"; known templates: "B2B SaaS onboarding"');

    const listed = await runCli(['accounts', 'list', '--status', 'active'], env);
    expect(listed.stdout).toMatch(/Umbrella Freight\s+active\s+Kickoff\s+[\d-]+ [\d:]+\s+72,000/);
    const badStatus = await runCli(['accounts', 'list', '--status', 'lost'], env);
    expect(badStatus.stderr).toContain('expected one of pending_handoff, active, at_risk, completed, churned');
  }, 120_000);

  it('seeds the demo once however often it runs', async () => {
    const first = await runCli(['seed', 'demo'], env);
    expect(first.stdout).toContain('Created: Northwind Logistics, Helios Health, Brightline Analytics.');
    const second = await runCli(['seed', 'demo'], env);
    expect(second.stdout).toContain('Already there: Northwind Logistics, Helios Health, Brightline Analytics.');
    expect(second.stdout).not.toContain('Created:');
  }, 120_000);

  it('reports that the schema and the migrations agree', async () => {
    const checked = await runCli(['db', 'check'], env);
    expect(checked).toMatchObject({ code: 0, stdout: 'The schema and the migrations agree.\n' });
  }, 120_000);
});
