import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../support/run-thread';

jest.setTimeout(180_000);

// Real processes on a real embedded database in a temporary data directory; the first command makes the organisation.
describe('npm run thread -- handoff-questions', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'thread-handoff-cli-'));
    env = { THREAD_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('exports the questions as a file, imports a changed one, and refuses a broken one naming its lines', async () => {
    const file = path.join(dataDir, 'questions.yaml');
    const exported = await runCli(['handoff-questions', 'export', '--out', file], env);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    const text = await readFile(file, 'utf8');
    // A new organisation starts with the default questions, the same file as the one beside the templates.
    expect(text).toBe(await readFile(path.resolve(__dirname, '../../../templates/handoff/questions.yaml'), 'utf8'));

    const changed = text
      .replace('label: Seats / licences sold', 'label: Licences sold')
      .replace(/ {2}- key: stakeholders\n(?: {4}.*\n)+/, '')
      .concat(
        '  - key: sso_provider\n    label: Which identity provider?\n    kind: single_choice\n    options: [Okta, Entra ID]\n',
      );
    await writeFile(file, changed);
    const imported = await runCli(['handoff-questions', 'import', file], env);
    expect(imported.code).toBe(0);
    // Seats renamed; kickoff_date and success_criteria move up one place where stakeholders was.
    expect(imported.stdout).toContain('Imported 8 handoff question(s): 1 added, 3 changed, 1 removed, 4 unchanged.');
    const again = await runCli(['handoff-questions', 'export'], env);
    expect(again.stdout).toContain('label: Licences sold');
    expect(again.stdout).toContain('options: [Okta, Entra ID]');
    expect(again.stdout).not.toContain('key: stakeholders');

    const broken = path.join(dataDir, 'broken.yaml');
    await writeFile(broken, 'questions:\n  - key: seats\n    label: Seats\n    kind: essay\n');
    const refused = await runCli(['handoff-questions', 'import', broken], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'thread: broken.yaml: line 4, questions[0].kind: expected one of text, long_text, single_choice, multiple_choice, yes_no, date, number, got "essay"',
    );
    expect((await runCli(['handoff-questions', 'export'], env)).stdout).toBe(again.stdout);
  });

  it('sets the handoff reminder with org set', async () => {
    const set = await runCli(['org', 'set', '--handoff-reminder-hours', '8'], env);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('Handoff reminder (business hours): 24 → 8');
    const refused = await runCli(['org', 'set', '--handoff-reminder-hours', '0'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('thread: --handoff-reminder-hours: The handoff reminder must be a whole number');
  });
});
