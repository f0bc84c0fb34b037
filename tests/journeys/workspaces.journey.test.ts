/**
 * Issue 14's journey: two companies install Thread from Add to Slack and run their onboardings side by side on one
 * database. Each install goes the way a browser and Slack go over HTTP (the install page and its state cookie, Slack's
 * redirect back with a code); each admin then works in their own workspace through signed Slack requests, the admin
 * CLI takes `--org`, and neither sees the other's accounts. A link unfurler fetching a portal link uses nothing up.
 * Beta uninstalls: Thread stops answering it and keeps its data; Beta reinstalls and finds everything again. No
 * database code is imported.
 */
import { JourneyDriver, PortalVisitor } from '../support/journey-driver';
import { textOf } from '../support/block-kit';
import { waitFor } from '../support/wait-for';

const ACME = { id: 'TACME01', name: 'Acme Robotics' };
const BETA = { id: 'TBETA01', name: 'Beta Logistics' };
const ACME_ADMIN = { id: 'UACMEADM1', name: 'Ada Acme', email: 'ada@acme-robotics.test', title: 'Head of CS' };
const BETA_ADMIN = { id: 'UBETAADM1', name: 'Bo Beta', email: 'bo@beta-logistics.test', title: 'VP Customer Success' };
const CHANNEL = 'CANYWHERE';

const j = new JourneyDriver({ oauth: true, tickCron: '0 0 0 1 1 *' });

/** Add to Slack in a browser: the install page (its state cookie), Slack's approval, and the redirect back. */
async function install(team: { id: string; name: string }, installer: string, code: string, botToken: string) {
  const page = await j.fetch('/slack/install');
  expect(page.status).toBe(200);
  const href = /href="(https:\/\/slack\.com\/oauth\/v2\/authorize[^"]+)"/.exec(await page.text())?.[1];
  const cookie = /slack-app-oauth-state=[^;]+/.exec(page.headers.get('set-cookie') ?? '')?.[0];
  expect(href && cookie).toBeTruthy();
  const state = new URL(href!.replace(/&amp;/g, '&')).searchParams.get('state')!;
  j.fake.addInstall({ code, team, installerId: installer, botToken });
  const back = await j.fetch(`/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, {
    headers: { cookie: cookie! },
  });
  expect(back.status).toBe(200);
  return back.text();
}

/** `/thread <text>` from a workspace, and what Slack shows: the command's answer or its later reply. */
async function ask(text: string, as: string, teamId: string): Promise<string> {
  const before = j.calls('response_url').length;
  const answer = await j.command(text, as, CHANNEL, teamId);
  if (answer.blocks || answer.text) return textOf(answer.blocks) || String(answer.text);
  const reply = await j.next('response_url', before, `the reply to /thread ${text}`);
  return textOf(reply.args.blocks) || String(reply.args.text);
}

describe('two companies install Thread and run their onboardings side by side (issue 14)', () => {
  beforeAll(async () => {
    await j.start();
    j.fake.addUser({ ...ACME_ADMIN });
    j.fake.addUser({ ...BETA_ADMIN });
    await j.startThread();
  }, 60_000);

  afterAll(async () => {
    await j.stop();
  });

  it('installs two workspaces, keeps them apart, and survives an uninstall and a reinstall', async () => {
    // Each company installs from Add to Slack; the installer becomes its admin and gets the welcome DM.
    expect(await install(ACME, ACME_ADMIN.id, 'code-acme', 'xoxb-acme-1')).toContain(
      'Thread is installed in Acme Robotics',
    );
    expect(await install(BETA, BETA_ADMIN.id, 'code-beta', 'xoxb-beta-1')).toContain(
      'Thread is installed in Beta Logistics',
    );
    for (const [admin, token] of [
      [ACME_ADMIN.id, 'xoxb-acme-1'],
      [BETA_ADMIN.id, 'xoxb-beta-1'],
    ] as const) {
      const welcome = await waitFor(
        () => j.fake.callsWith(token, 'chat.postMessage').find((c) => c.args.channel === admin),
        { description: `the welcome DM to ${admin}, sent with its own workspace's token` },
      );
      expect(JSON.stringify(welcome.args)).toContain('Welcome to Thread');
    }

    // The command line serves one organisation at a time, named by --org.
    const unnamed = await j.cli(['accounts', 'list']);
    expect(unnamed.code).not.toBe(0);
    expect(unnamed.stderr).toContain('--org');
    for (const [org, csm, account, contact] of [
      ['Acme Robotics', ACME_ADMIN.id, 'Globex', 'hank@globex.test'],
      ['TBETA01', BETA_ADMIN.id, 'Initech', 'bill@initech.test'],
    ] as const) {
      expect((await j.cli(['templates', 'import', 'templates/b2b-saas-onboarding.yaml', '--org', org])).code).toBe(0);
      const created = await j.cli([
        'accounts',
        'create',
        '--org',
        org,
        '--name',
        account,
        '--template',
        'B2B SaaS onboarding',
        '--csm',
        csm,
        '--contact-email',
        contact,
      ]);
      expect(created.code).toBe(0);
    }

    // In Slack, each admin sees their own account and nothing of the other's.
    expect(await ask('account Globex', ACME_ADMIN.id, ACME.id)).toContain('Globex');
    expect(await ask('account Initech', ACME_ADMIN.id, ACME.id)).toMatch(/No account matches/);
    expect(await ask('account Initech', BETA_ADMIN.id, BETA.id)).toContain('Initech');
    expect(await ask('account Globex', BETA_ADMIN.id, BETA.id)).toMatch(/No account matches/);
    const acmeList = (await j.cli(['accounts', 'list', '--org', 'Acme Robotics'])).stdout;
    expect(acmeList).toContain('Globex');
    expect(acmeList).not.toContain('Initech');

    // A link unfurler fetching Beta's portal link uses nothing up; the customer's own click opens the portal.
    const printed = (await j.cli(['portal', 'link', 'Initech', '--org', 'TBETA01'])).stdout;
    const link = /\/portal\/[A-Za-z0-9_-]{20,}/.exec(printed)?.[0];
    expect(link).toBeDefined();
    const unfurl = await j.fetch(link!, {
      headers: { 'user-agent': 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)' },
    });
    expect(unfurl.status).toBe(200);
    expect(unfurl.headers.get('set-cookie')).toBeNull();
    const unfurled = await unfurl.text();
    expect(unfurled).toContain('Beta Logistics');
    expect(unfurled).not.toContain('Initech');
    const visit = await new PortalVisitor(j, link!).get();
    expect(visit.status).toBe(200);
    expect(visit.html).toContain('Initech');

    // Beta uninstalls: Thread answers its workspace no more and sends it nothing; Acme carries on.
    await j.event({ type: 'app_uninstalled', event_ts: `${Math.floor(Date.now() / 1000)}.000100` }, BETA.id);
    await waitFor(
      async () => {
        const before = j.calls('response_url').length;
        const answer = await j.command('help', BETA_ADMIN.id, CHANNEL, BETA.id);
        await new Promise((resolve) => setTimeout(resolve, 200));
        return !answer.blocks && !answer.text && j.calls('response_url').length === before;
      },
      { description: 'Beta’s requests to go unanswered once it uninstalled' },
    );
    expect(await ask('account Globex', ACME_ADMIN.id, ACME.id)).toContain('Globex');

    // Beta reinstalls: the same organisation, its account and its admin are back.
    expect(await install(BETA, BETA_ADMIN.id, 'code-beta-2', 'xoxb-beta-2')).toContain('Beta Logistics');
    expect(await ask('account Initech', BETA_ADMIN.id, BETA.id)).toContain('Initech');
    await waitFor(
      () => j.fake.callsWith('xoxb-beta-2', 'chat.postMessage').find((c) => c.args.channel === BETA_ADMIN.id),
      { description: 'the welcome-back DM with the new token' },
    );
  }, 180_000);
});
