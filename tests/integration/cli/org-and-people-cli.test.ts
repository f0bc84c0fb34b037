import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { headers, startFakeWebServer } from '../../support/fake-web-server';
import { runCli } from '../../support/run-thread';

jest.setTimeout(180_000);

// Real processes on a real embedded database in a temporary data directory; the first command makes the organisation.
describe('npm run thread -- org and people', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'thread-org-cli-'));
    env = { THREAD_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('shows the settings, changes them all or nothing, and names each refused flag', async () => {
    const shown = await runCli(['org', 'show'], env);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^Brand colour\s+--brand-color\s+#4f46e5$/m);
    expect(shown.stdout).toMatch(/^Portal throttle \(active requests\)\s+--portal-max-active\s+3$/m);

    const refused = await runCli(
      [
        'org',
        'set',
        '--name',
        'Globex',
        '--brand-color',
        'javascript:alert(1)',
        '--logo-url',
        'http://x.example/l.png',
        '--portal-max-active',
        '11',
      ],
      env,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('thread: --brand-color: The brand colour must be a hex colour written as #rrggbb');
    expect(refused.stderr).toContain(
      'thread: --logo-url: The logo URL must start with https:// (it starts with http:).',
    );
    expect(refused.stderr).toContain(
      'thread: --portal-max-active: The portal throttle must be a whole number from 1 to 10',
    );
    expect((await runCli(['org', 'show'], env)).stdout).not.toContain('Globex');

    const light = await runCli(['org', 'set', '--brand-color', '#ffcc00'], env);
    expect(light.code).toBe(1);
    expect(light.stderr).toMatch(/--brand-color: White text on #ffcc00 has a contrast ratio of 1\.\d\d:1/);

    const set = await runCli(
      [
        'org',
        'set',
        '--name',
        'Globex',
        '--brand-color',
        '#1D4ED8',
        '--timezone',
        'Europe/Berlin',
        '--working-days',
        'mon,tue,wed,thu',
        '--portal-max-active',
        '5',
        '--review-sla-hours',
        '24',
        '--reminder-days',
        '3',
        '--max-reminders',
        '4',
        '--workspace-can-view',
        'yes',
      ],
      env,
    );
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('Brand colour: #4f46e5 → #1d4ed8');
    expect(set.stdout).toContain(
      'Working days: Monday, Tuesday, Wednesday, Thursday, Friday → Monday, Tuesday, Wednesday, Thursday',
    );
    expect(set.stdout).toContain('Maximum reminders: 2 → 4');
    const after = await runCli(['org', 'show'], env);
    expect(after.stdout).toMatch(/^Organisation name\s+--name\s+Globex$/m);
    expect(after.stdout).toMatch(/^Timezone\s+--timezone\s+Europe\/Berlin$/m);
    expect(after.stdout).toMatch(/^Workspace members can view\s+--workspace-can-view\s+yes$/m);

    const again = await runCli(['org', 'set', '--name', 'Globex'], env);
    expect(again.stdout).toContain('Nothing changed in "Globex"');
    const unknownOrg = await runCli(['org', 'show', '--org', 'Initech'], env);
    expect(unknownOrg.code).toBe(1);
    expect(unknownOrg.stderr).toContain(
      'no organisation is called or has the Slack id "Initech"; the organisations are "Globex".',
    );
    expect((await runCli(['org', 'show', '--org', 'globex'], env)).code).toBe(0);
  });

  it('adds and lists people and changes a role by Slack id, keeping the last admin', async () => {
    const empty = await runCli(['people', 'list'], env);
    expect(empty.stdout).toContain('Nobody in "Globex" yet');
    const stranger = await runCli(['people', 'set-role', 'U0NOBODY1', 'csm'], env);
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toContain('U0NOBODY1 has not been added to Thread; add them with a role first.');

    expect((await runCli(['people', 'add', 'U0ADMIN01', 'admin', '--name', 'Ada Admin'], env)).stdout).toContain(
      'Added Ada Admin to "Globex" as admin.',
    );
    expect((await runCli(['people', 'add', 'U0CSM0001', 'csm', '--name', 'Cole <b>League</b>'], env)).code).toBe(0);
    const listed = await runCli(['people', 'list'], env);
    expect(listed.stdout).toMatch(/^Ada Admin\s+U0ADMIN01\s+—\s+admin$/m);
    expect(listed.stdout).toMatch(/^Cole <b>League<\/b>\s+U0CSM0001\s+—\s+csm$/m);

    const changed = await runCli(['people', 'set-role', 'U0CSM0001', 'ae'], env);
    expect(changed.stdout).toContain('Cole <b>League</b> is now account executive in "Globex".');
    const lastAdmin = await runCli(['people', 'set-role', 'U0ADMIN01', 'viewer'], env);
    expect(lastAdmin.code).toBe(1);
    expect(lastAdmin.stderr).toContain(
      'thread: <role>: Ada Admin is the last admin; make someone else an admin before changing their role.',
    );
    expect((await runCli(['people', 'list'], env)).stdout).toMatch(/^Ada Admin\s+U0ADMIN01\s+—\s+admin$/m);

    const badRole = await runCli(['people', 'set-role', 'U0CSM0001', 'owner'], env);
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toContain('expected one of admin, lead, csm, ae, viewer');
  });

  it('switches the approval rule on with --execution-needs-approval and --four-eyes, refusing four eyes alone', async () => {
    const before = await runCli(['org', 'show'], env);
    expect(before.stdout).toMatch(/^Executing needs an approval\s+--execution-needs-approval\s+no$/m);
    expect(before.stdout).toMatch(/^Four eyes \(approver is not the executor\)\s+--four-eyes\s+no$/m);

    const alone = await runCli(['org', 'set', '--four-eyes', 'on'], env);
    expect(alone.code).toBe(1);
    expect(alone.stderr).toContain(
      'thread: --four-eyes: Four eyes only applies when executing needs an approval: turn that on too, or turn four eyes off.',
    );
    const typo = await runCli(['org', 'set', '--four-eyes', 'maybe'], env);
    expect(typo.code).not.toBe(0);
    expect(typo.stderr).toContain('expected on or off');

    const on = await runCli(['org', 'set', '--execution-needs-approval', 'on', '--four-eyes', 'on'], env);
    expect(on.code).toBe(0);
    expect(on.stdout).toContain('Executing needs an approval: no → yes');
    expect(on.stdout).toContain('Four eyes (approver is not the executor): no → yes');
    const after = await runCli(['org', 'show'], env);
    expect(after.stdout).toMatch(/^Executing needs an approval\s+--execution-needs-approval\s+yes$/m);
    expect(after.stdout).toMatch(/^Four eyes \(approver is not the executor\)\s+--four-eyes\s+yes$/m);
  });

  it('sets a logo only when its address answers with an image, asking the address itself', async () => {
    const web = await startFakeWebServer();
    try {
      web.answer('/about', headers(200, { 'content-type': 'text/html' }));
      web.answer('/logo.png', headers(200, { 'content-type': 'image/png' }));
      // The command line's own probe, with Node's trust plus the test server's certificate.
      const caFile = path.join(dataDir, 'test-ca.pem');
      await writeFile(caFile, web.cert);
      const trusting = { ...env, NODE_EXTRA_CA_CERTS: caFile };

      const page = await runCli(['org', 'set', '--name', 'Page Logo', '--logo-url', `${web.origin}/about`], trusting);
      expect(page.code).toBe(1);
      expect(page.stderr).toContain('thread: --logo-url: The logo URL answers with text/html, not an image.');
      const missing = await runCli(['org', 'set', '--logo-url', `${web.origin}/missing.png`], trusting);
      expect(missing.stderr).toContain(
        'thread: --logo-url: Thread could not load the logo: it answered 404 Not Found.',
      );
      expect((await runCli(['org', 'show'], env)).stdout).not.toContain('Page Logo');

      const image = await runCli(['org', 'set', '--logo-url', `${web.origin}/logo.png`], trusting);
      expect(image.code).toBe(0);
      expect(image.stdout).toContain(`Logo URL: none → ${web.origin}/logo.png`);
      expect(web.requests).toEqual(['HEAD /about', 'HEAD /missing.png', 'HEAD /logo.png']);
    } finally {
      await web.stop();
    }
  });
});
