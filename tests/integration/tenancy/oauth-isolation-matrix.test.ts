/**
 * The isolation matrix: two workspaces install Thread through OAuth on one running server and one database, each
 * runs its accounts, and then every surface is tried across the boundary. A person of Acme, in signed Slack
 * requests from Acme, names Beta's account, clicks with Beta's action and account ids and submits a modal with
 * Beta's milestone; a workspace that never installed is refused outright; Beta's portal link is opened on Acme's
 * request paths; the command line is asked about each organisation with `--org`; and the scheduler's tick posts
 * each organisation's cards with its own token. Every crossing is refused and Beta is left as it was.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { composeThread } from '../../../src/composition/compose-thread';
import { startThread, type RunningThread } from '../../../src/composition/start-thread';
import { silentLogger } from '../../../src/lib/logger';
import { parseEncryptionKey } from '../../../src/lib/secret-box';
import { runTick } from '../../../src/services/scheduler/run-tick';
import { ACTIONS, COMMAND, VIEWS } from '../../../src/slack/ids';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, FakeSlackApi } from '../../support/fake-slack-api';
import { useSmtpCapture } from '../../support/smtp-capture';
import { runCli } from '../../support/run-thread';
import { serviceContext, type TestServiceContext } from '../../support/service-context';
import { interaction, slashCommand, TEST_SIGNING_SECRET, type SignedRequest } from '../../support/slack-request';
import { waitFor } from '../../support/wait-for';
import { setUpTeam, type Team } from '../people/team-fixture';

jest.setTimeout(180_000);

const PUBLIC = 'https://thread.example.test';
const KEY = 'c3'.repeat(32);
const OAUTH = { clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET, stateSecret: 'state-secret-0123456789ab' };
const ACME = { id: 'T0ACME', name: 'Acme', prefix: 'A', token: 'xoxb-acme-1' };
const BETA = { id: 'T0BETA', name: 'Beta', prefix: 'B', token: 'xoxb-beta-1' };
/** The installer of each workspace, who becomes its admin (team-fixture names its admin U<prefix>ADMIN). */
const adminOf = (w: { prefix: string }) => `U${w.prefix}ADMIN`;

describe('two organisations installed through OAuth on one database', () => {
  const fake = new FakeSlackApi();
  // Executing a portal request emails its contacts their link.
  const smtp = useSmtpCapture();
  let dataDir: string;
  let thread: RunningThread;
  let base: string;
  let ctx: TestServiceContext;
  let acme: Team;
  let beta: Team;
  let nextReply = 1;

  beforeAll(async () => {
    await fake.start();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'thread-isolation-'));
    thread = await startThread(
      {
        port: 0,
        publicUrl: PUBLIC,
        dataDir,
        slack: { oauth: OAUTH, signingSecret: TEST_SIGNING_SECRET, apiUrl: fake.apiUrl, csmChannel: 'CCSMS' },
        encryptionKey: KEY,
        smtp: { url: smtp.url, from: 'Thread <onboarding@thread.test>' },
        tickCron: '0 0 1 1 *',
        logLevel: 'silent',
      },
      silentLogger,
    );
    base = `http://127.0.0.1:${thread.port}`;
    // Each workspace installs from Slack (a callback without Thread's state), its installer becoming its admin.
    for (const w of [ACME, BETA]) {
      fake.addUser({ id: adminOf(w), name: `Admin of ${w.name}`, email: `admin@${w.prefix.toLowerCase()}.test` });
      // The CSM's email is where customers reply, so their profile must show it.
      fake.addUser({ id: `U${w.prefix}CSM`, name: `CSM of ${w.name}`, email: `csm@${w.prefix.toLowerCase()}.test` });
      fake.addInstall({
        code: `code-${w.id}`,
        team: { id: w.id, name: w.name },
        installerId: adminOf(w),
        botToken: w.token,
      });
      const back = await fetch(`${base}/slack/oauth_redirect?code=code-${w.id}`);
      expect(await back.text()).toContain(`Thread is installed in ${w.name}`);
    }
    // Each runs its accounts: people, a template, two accounts with their kickoff-day requests open.
    ctx = serviceContext(thread.db, '2026-03-02T10:00:00Z');
    acme = await setUpTeam(ctx, { teamId: ACME.id, name: ACME.name, prefix: ACME.prefix });
    beta = await setUpTeam(ctx, { teamId: BETA.id, name: BETA.name, prefix: BETA.prefix });
    for (const [team, w] of [
      [acme, ACME],
      [beta, BETA],
    ] as const)
      expect(
        (await thread.db.prisma.organization.findUniqueOrThrow({ where: { id: team.organizationId } })).slackTeamId,
      ).toBe(w.id);
  }, 120_000);
  afterAll(async () => {
    await thread?.stop();
    await fake.stop();
    await rm(dataDir, { recursive: true, force: true });
  });
  beforeEach(() => fake.forgetCalls());

  const post = (req: SignedRequest) =>
    fetch(`${base}/slack/events`, { method: 'POST', headers: req.headers, body: req.body });
  /** A reply Thread sent through one request's response_url, waited for (Bolt answers after acknowledging). */
  const replyTo = (id: string) =>
    waitFor(() => fake.callsTo('response_url').find((c) => c.args.id === id), { description: `a reply to ${id}` });
  const textOf = (call: { args: Record<string, unknown> }) => JSON.stringify([call.args.text, call.args.blocks]);

  /** Everything of Beta these crossings could change, to compare before and after. */
  const snapshotBeta = async () => ({
    accounts: await thread.db.prisma.account.findMany({
      where: { organizationId: beta.organizationId },
      orderBy: { id: 'asc' },
    }),
    actions: await thread.db.prisma.action.findMany({
      where: { account: { organizationId: beta.organizationId } },
      orderBy: { id: 'asc' },
    }),
    milestones: await thread.db.prisma.milestone.findMany({
      where: { account: { organizationId: beta.organizationId } },
      orderBy: { id: 'asc' },
    }),
    submissions: await thread.db.prisma.submission.count({
      where: { account: { organizationId: beta.organizationId } },
    }),
  });
  const betaRequest = () =>
    thread.db.prisma.action.findFirstOrThrow({ where: { accountId: beta.accountId, key: 'security-form' } });

  function command(text: string, o: { team?: string; user?: string } = {}) {
    const id = `cmd${nextReply++}`;
    const req = slashCommand({
      command: COMMAND,
      text,
      user_id: o.user ?? adminOf(ACME),
      user_name: 'someone',
      team_id: o.team ?? ACME.id,
      channel_id: 'CACMECSM',
      response_url: fake.responseUrl(id),
      trigger_id: 'trigger.command',
      token: 'x',
    });
    return { id, response: post(req) };
  }

  function click(actionId: string, value: string, o: { team?: string; user?: string } = {}) {
    const id = `click${nextReply++}`;
    const req = interaction({
      type: 'block_actions',
      user: { id: o.user ?? adminOf(ACME), team_id: o.team ?? ACME.id },
      team: { id: o.team ?? ACME.id },
      trigger_id: 'trigger.click',
      response_url: fake.responseUrl(id),
      container: { type: 'message', message_ts: '1.000100', channel_id: 'CACMECSM', is_ephemeral: true },
      actions: [{ action_id: actionId, value, type: 'button' }],
    });
    return { id, response: post(req) };
  }

  it('refuses Slack commands from Acme that name Beta’s account, by name or id, and answers them for Acme’s own', async () => {
    const before = await snapshotBeta();
    for (const sub of ['account', 'metrics', 'plan']) {
      for (const named of ['Beta customer', beta.accountId]) {
        const { id, response } = command(`${sub} ${named}`);
        expect((await response).status).toBe(200);
        const said = textOf(await replyTo(id));
        expect(said).toContain(`No account matches *${named}*`);
        expect(said).not.toContain('b-customer.io');
      }
      const own = command(`${sub} Acme customer`);
      expect((await own.response).status).toBe(200);
      expect(textOf(await replyTo(own.id))).toContain('Acme customer');
    }
    // Nothing was asked of Slack in Beta's name.
    expect(fake.calls.filter((c) => c.token === BETA.token)).toEqual([]);
    expect(await snapshotBeta()).toEqual(before);
  });

  it('refuses Acme’s clicks carrying Beta’s action and account ids: execute, skip, open timeline', async () => {
    const before = await snapshotBeta();
    const request = await betaRequest();
    for (const [actionId, value, refusal] of [
      [ACTIONS.execute, request.id, 'Not found: that no longer exists'],
      [ACTIONS.skip, request.id, 'Not found: that action does not exist (any more)'],
      [ACTIONS.openTimeline, beta.accountId, 'Not found: that account does not exist (any more)'],
    ] as const) {
      const { id, response } = click(actionId, value);
      expect((await response).status).toBe(200);
      expect(textOf(await replyTo(id))).toContain(refusal);
    }
    expect(fake.callsTo('views.open')).toEqual([]);
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
    expect(fake.calls.filter((c) => c.token === BETA.token)).toEqual([]);
    expect(await snapshotBeta()).toEqual(before);
  });

  it('refuses a modal submitted from Acme with Beta’s milestone in its metadata', async () => {
    const before = await snapshotBeta();
    const milestone = await thread.db.prisma.milestone.findFirstOrThrow({ where: { accountId: beta.accountId } });
    expect(milestone.status).toBe('in_progress');
    // Complete with no reason field: were Beta's milestone reachable, this would complete it.
    const ack = await post(
      interaction({
        type: 'view_submission',
        user: { id: adminOf(ACME), team_id: ACME.id },
        team: { id: ACME.id },
        view: {
          id: 'V1',
          type: 'modal',
          callback_id: VIEWS.milestoneChange,
          private_metadata: JSON.stringify({ id: milestone.id, change: 'complete' }),
          app_installed_team_id: ACME.id,
          blocks: [],
          state: { values: {} },
        },
      }),
    );
    expect(ack.status).toBe(200);
    const answer = (await ack.json()) as { response_action?: string; view?: unknown };
    expect(answer.response_action).toBe('update');
    expect(JSON.stringify(answer.view)).toContain('Not found: that milestone does not exist (any more)');
    expect(await snapshotBeta()).toEqual(before);
  });

  it('refuses every request signed for a workspace where Thread is not installed', async () => {
    const before = await snapshotBeta();
    const stranger = { team: 'T0GAMMA', user: 'UGADMIN' };
    const refused = [
      command('account Beta customer', stranger),
      command('accounts', stranger),
      click(ACTIONS.skip, (await betaRequest()).id, stranger),
    ];
    for (const r of refused) {
      const res = await r.response;
      expect(res.status).toBe(200);
      expect(await res.text()).not.toContain('Beta');
    }
    // A request from an installed workspace sent after them is answered; by then the refused ones are long done.
    const own = command('accounts');
    expect(textOf(await replyTo(own.id))).toContain('Acme customer');
    expect(fake.callsTo('response_url').map((c) => c.args.id)).toEqual([own.id]);
    expect(fake.calls.filter((c) => c.method !== 'response_url' && c.token !== ACME.token)).toEqual([]);
    expect(await snapshotBeta()).toEqual(before);
  });

  describe('outside Slack', () => {
    const cli = (args: string[]) =>
      runCli(args, { THREAD_DATA_DIR: dataDir, THREAD_ENCRYPTION_KEY: KEY, PUBLIC_URL: PUBLIC, LOG_LEVEL: 'silent' });
    const BROWSER = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Version/17.0 Safari/605.1.15';
    const portal = (url: string, init: RequestInit = {}) =>
      fetch(`${base}${url}`, {
        ...init,
        redirect: 'manual',
        headers: { 'user-agent': BROWSER, ...(init.headers ?? {}) },
      });

    it('the command line needs --org with two organisations, and each --org sees only its own accounts', async () => {
      const without = await cli(['accounts', 'list']);
      expect(without.code).toBe(1);
      expect(without.stderr).toContain('there are 2 organisations; say which with --org <name or Slack team id>');
      const acmeList = await cli(['accounts', 'list', '--org', 'Acme']);
      expect(acmeList.code).toBe(0);
      expect(acmeList.stdout).toContain('Acme customer');
      expect(acmeList.stdout).not.toContain('Beta');
      const betaList = await cli(['accounts', 'list', '--org', BETA.id]);
      expect(betaList.stdout).toContain('Beta second customer');
      expect(betaList.stdout).not.toContain('Acme');
      // Acme's --org cannot reach Beta's account by name or id.
      for (const named of ['Beta customer', beta.accountId]) {
        const crossed = await cli(['portal', 'link', named, '--org', 'Acme']);
        expect(crossed.code).toBe(1);
        expect(crossed.stdout).toBe('');
      }
      expect(await thread.db.prisma.portalAccess.count({ where: { accountId: beta.accountId } })).toBe(0);
    });

    it('a portal link of Beta opens Beta’s requests only, never Acme’s by its path', async () => {
      const printed = await cli(['portal', 'link', 'Beta customer', '--org', 'Beta']);
      expect(printed.code).toBe(0);
      const token = new RegExp(`^${PUBLIC}/portal/([^/\\s]+)$`, 'm').exec(printed.stdout)?.[1];
      expect(token).toBeDefined();
      const acmeRequest = await thread.db.prisma.action.findFirstOrThrow({
        where: { accountId: acme.accountId, key: 'security-form' },
      });

      // Each account's CSM executes its own request from its own workspace, with its token.
      for (const [w, request] of [
        [ACME, acmeRequest],
        [BETA, await betaRequest()],
      ] as const) {
        const { response } = click(ACTIONS.execute, request.id, { team: w.id, user: `U${w.prefix}CSM` });
        expect((await response).status).toBe(200);

        await waitFor(
          async () =>
            (await thread.db.prisma.action.findUniqueOrThrow({ where: { id: request.id } })).status === 'executed',
          { description: `${w.name}'s portal request executed` },
        );
      }
      expect(fake.callsWith(ACME.token).length).toBeGreaterThan(0);
      expect(fake.callsWith(BETA.token).length).toBeGreaterThan(0);
      const acmeBefore = {
        action: await thread.db.prisma.action.findUniqueOrThrow({ where: { id: acmeRequest.id } }),
        submissions: await thread.db.prisma.submission.count({ where: { accountId: acme.accountId } }),
      };

      const home = await portal(`/portal/${token}`);
      expect(home.status).toBe(200);
      const homeHtml = await home.text();
      expect(homeHtml).toContain('Beta customer');
      expect(homeHtml).not.toContain('Acme customer');
      // Beta's own request opens, with the form's CSRF token for this link.
      const own = await portal(`/portal/${token}/requests/${(await betaRequest()).id}`);
      expect(own.status).toBe(200);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await own.text())?.[1];
      const cookie = /thread_portal_csrf=[^;]+/.exec(own.headers.get('set-cookie') ?? '')?.[0];
      expect([csrf, cookie].every(Boolean)).toBe(true);

      // Acme's request on Beta's link: not found to read, and not answerable with a valid form token.
      const read = await portal(`/portal/${token}/requests/${acmeRequest.id}`);
      expect(read.status).toBe(404);
      expect(await read.text()).not.toContain('Do you use SSO?');
      const answered = await portal(`/portal/${token}/requests/${acmeRequest.id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie! },
        body: new URLSearchParams({ _csrf: csrf!, sso: 'yes, Okta' }).toString(),
      });
      expect(answered.status).toBe(404);
      // The same form token answers Beta's own request: the refusal above is the boundary, not the form.
      const betaAnswer = await portal(`/portal/${token}/requests/${(await betaRequest()).id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie! },
        body: new URLSearchParams({ _csrf: csrf!, sso: 'yes, Okta' }).toString(),
      });
      expect(betaAnswer.status).toBe(303);
      expect(await thread.db.prisma.submission.count({ where: { accountId: beta.accountId } })).toBe(1);
      expect({
        action: await thread.db.prisma.action.findUniqueOrThrow({ where: { id: acmeRequest.id } }),
        submissions: await thread.db.prisma.submission.count({ where: { accountId: acme.accountId } }),
      }).toEqual(acmeBefore);
    });

    it('the scheduler posts each organisation’s cards with its own token only', async () => {
      const composed = composeThread({
        config: {
          port: 0,
          publicUrl: PUBLIC,
          dataDir,
          slack: { oauth: OAUTH, signingSecret: TEST_SIGNING_SECRET, apiUrl: fake.apiUrl, csmChannel: 'CCSMS' },
          tickCron: '0 0 1 1 *',
          logLevel: 'silent',
        },
        db: thread.db,
        logger: silentLogger,
        takesSlackRequests: false,
        clock: ctx.now,
        encryptionKey: parseEncryptionKey(KEY),
      });
      /** The review cards an organisation's actions have now, by action. */
      const cardsOf = async (organizationId: string) =>
        new Map(
          (
            await thread.db.prisma.action.findMany({
              where: { account: { organizationId }, reviewCardTs: { not: null } },
            })
          ).map((a) => [a.id, a.reviewCardTs ?? '']),
        );
      const before = { acme: await cardsOf(acme.organizationId), beta: await cardsOf(beta.organizationId) };
      try {
        const report = await runTick(ctx, composed.tick);
        expect(report.errors).toEqual([]);
      } finally {
        composed.close();
      }
      /** The cards this tick posted: those that were not there before it. */
      const postedByTick = async (organizationId: string, had: Map<string, string>) =>
        [...(await cardsOf(organizationId))].filter(([id, ts]) => had.get(id) !== ts).map(([, ts]) => ts);
      const postedWith = (token: string) => fake.callsWith(token, 'chat.postMessage').map((c) => c.ts);
      const acmeCards = await postedByTick(acme.organizationId, before.acme);
      const betaCards = await postedByTick(beta.organizationId, before.beta);
      expect(acmeCards.length).toBeGreaterThan(0);
      expect(betaCards.length).toBeGreaterThan(0);
      for (const ts of acmeCards)
        expect([postedWith(ACME.token), postedWith(BETA.token)].map((p) => p.includes(ts))).toEqual([true, false]);
      for (const ts of betaCards)
        expect([postedWith(BETA.token), postedWith(ACME.token)].map((p) => p.includes(ts))).toEqual([true, false]);
      expect(fake.callsTo('chat.postMessage').filter((c) => c.token !== ACME.token && c.token !== BETA.token)).toEqual(
        [],
      );
    });
  });
});
