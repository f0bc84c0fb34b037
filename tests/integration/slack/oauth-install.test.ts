/**
 * Add to Slack, as a person and Slack do it over HTTP against the running server (start-thread.ts) with
 * SLACK_CLIENT_ID set: the install page sets the state cookie and links to Slack's authorize page; Slack sends the
 * browser back with a code; Thread trades it (oauth.v2.access on the fake Slack), stores the installation with the
 * bot token sealed, makes the organisation and its admin, and DMs the installer. Then uninstall and reinstall.
 */
import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startThread, type RunningThread } from '../../../src/composition/start-thread';
import { silentLogger } from '../../../src/lib/logger';
import { createSecretBox, parseEncryptionKey } from '../../../src/lib/secret-box';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, FakeSlackApi } from '../../support/fake-slack-api';
import { eventCallback, slashCommand, TEST_SIGNING_SECRET } from '../../support/slack-request';
import { waitFor } from '../../support/wait-for';

const PUBLIC = 'https://thread.example.test';
const KEY = 'a1'.repeat(32);
const STATE_SECRET = 'state-secret-for-tests-0123456789';
const ACME = { id: 'TACME01', name: 'Acme Robotics' };
const INSTALLER = 'UINSTALL1';

/** What a browser does at GET /slack/install: the Add to Slack link (with its state) and the state cookie. */
async function startInstall(base: string): Promise<{ authorizeUrl: URL; cookie: string }> {
  const page = await fetch(`${base}/slack/install`);
  expect(page.status).toBe(200);
  const html = await page.text();
  const href = /href="(https:\/\/slack\.com\/oauth\/v2\/authorize[^"]+)"/.exec(html)?.[1];
  expect(href).toBeDefined();
  const setCookie = page.headers.get('set-cookie') ?? '';
  const cookie = /slack-app-oauth-state=[^;]+/.exec(setCookie)?.[0];
  expect(cookie).toBeDefined();
  return { authorizeUrl: new URL(href!.replace(/&amp;/g, '&')), cookie: cookie! };
}

/** A state signed as Bolt's state store signs it (HS256 JWT), issued at `issuedAt`. */
function stateIssuedAt(issuedAt: Date, secret = STATE_SECRET): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ installOptions: { scopes: ['commands'] }, now: issuedAt.toJSON(), random: 1 })}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

describe('installing Thread from Add to Slack', () => {
  const fake = new FakeSlackApi();
  let dataDir: string;
  let thread: RunningThread;
  let base: string;
  beforeAll(async () => {
    await fake.start();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'thread-oauth-'));
    thread = await startThread(
      {
        port: 0,
        publicUrl: PUBLIC,
        dataDir,
        slack: {
          oauth: { clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET, stateSecret: STATE_SECRET },
          signingSecret: TEST_SIGNING_SECRET,
          apiUrl: fake.apiUrl,
        },
        encryptionKey: KEY,
        tickCron: '0 0 1 1 *',
        logLevel: 'silent',
      },
      silentLogger,
    );
    base = `http://127.0.0.1:${thread.port}`;
  }, 60_000);
  afterAll(async () => {
    await thread?.stop();
    await fake.stop();
    await rm(dataDir, { recursive: true, force: true });
  });
  beforeEach(() => fake.forgetCalls());

  const installation = () => thread.db.prisma.slackInstallation.findFirst({ where: { teamId: ACME.id } });
  const helpFrom = (teamId: string, userId: string) =>
    slashCommand({
      command: '/thread',
      text: 'help',
      user_id: userId,
      user_name: 'someone',
      team_id: teamId,
      channel_id: 'CANY',
      response_url: fake.responseUrl(),
      trigger_id: 'trigger',
      token: 'x',
    });
  const post = (req: { headers: Record<string, string>; body: string }) =>
    fetch(`${base}/slack/events`, { method: 'POST', headers: req.headers, body: req.body });

  it('installs a workspace: state cookie, callback, sealed token, organisation and admin, welcome DM', async () => {
    fake.addUser({ id: INSTALLER, name: 'Ines Installer', email: 'ines@acme.test' });
    const { authorizeUrl, cookie } = await startInstall(base);
    expect(authorizeUrl.searchParams.get('client_id')).toBe(FAKE_CLIENT_ID);
    expect(authorizeUrl.searchParams.get('redirect_uri')).toBe(`${PUBLIC}/slack/oauth_redirect`);
    expect(authorizeUrl.searchParams.get('scope')).toContain('chat:write');
    const state = authorizeUrl.searchParams.get('state')!;
    expect(cookie).toBe(`slack-app-oauth-state=${state}`);

    fake.addInstall({ code: 'code-acme', team: ACME, installerId: INSTALLER, botToken: 'xoxb-acme-1' });
    const back = await fetch(`${base}/slack/oauth_redirect?code=code-acme&state=${encodeURIComponent(state)}`, {
      headers: { cookie },
    });
    expect(back.status).toBe(200);
    expect(await back.text()).toContain('Thread is installed in Acme Robotics');
    expect(fake.callsTo('oauth.v2.access')).toHaveLength(1);

    const row = await installation();
    expect(row?.credentials).toMatch(/^v1:/);
    expect(row?.credentials).not.toContain('xoxb-acme-1');
    const opened = JSON.parse(createSecretBox(parseEncryptionKey(KEY)).open(row!.credentials!));
    expect(opened).toEqual({ botToken: 'xoxb-acme-1' });
    const org = await thread.db.prisma.organization.findUniqueOrThrow({ where: { id: row!.organizationId } });
    expect(org).toMatchObject({ name: 'Acme Robotics', slackTeamId: ACME.id });
    const admin = await thread.db.prisma.user.findFirstOrThrow({
      where: { organizationId: org.id, slackUserId: INSTALLER },
    });
    expect(admin).toMatchObject({ role: 'admin', name: 'Ines Installer' });

    const dm = fake.callsWith('xoxb-acme-1', 'chat.postMessage').find((c) => c.args.channel === INSTALLER);
    expect(String(dm?.args.text)).toContain('Thread is installed in Acme Robotics');
    expect(JSON.stringify(dm?.args.blocks)).toContain('/thread settings');

    // A request from the installed workspace is served with that workspace's token.
    const ack = await post(helpFrom(ACME.id, INSTALLER));
    expect(ack.status).toBe(200);
    expect(JSON.stringify(await ack.json())).toContain('/thread');
  }, 60_000);

  it('says on the first-run page that workspaces install Thread at /slack/install', async () => {
    const page = await (await fetch(`${base}/`)).text();
    expect(page).toContain('On (OAuth installs, POST /slack/events)');
    expect(page).toContain(`${PUBLIC}/slack/install`);
  });

  it('refuses a forged state, an expired one and one that is not this browser’s, and trades no code', async () => {
    fake.addInstall({ code: 'code-forged', team: ACME, installerId: INSTALLER, botToken: 'xoxb-never' });
    const forged = stateIssuedAt(new Date(), 'another-secret-0123456789abcdef');
    const expired = stateIssuedAt(new Date(Date.now() - 11 * 60_000));
    const { authorizeUrl } = await startInstall(base);
    const good = authorizeUrl.searchParams.get('state')!;
    for (const [state, cookie] of [
      [forged, `slack-app-oauth-state=${forged}`],
      [expired, `slack-app-oauth-state=${expired}`],
      [good, 'slack-app-oauth-state=someone-else'],
    ] as const) {
      const back = await fetch(`${base}/slack/oauth_redirect?code=code-forged&state=${encodeURIComponent(state)}`, {
        headers: { cookie },
      });
      expect(back.status).toBe(400);
      expect(await back.text()).toContain('This install link has expired or was not started from this browser');
    }
    expect(fake.callsTo('oauth.v2.access')).toHaveLength(0);
    expect(await thread.db.prisma.slackInstallation.count({ where: { teamId: ACME.id } })).toBeLessThanOrEqual(1);
  });

  it('installs from Slack’s own directory, where the callback carries no state', async () => {
    const beta = { id: 'TBETA01', name: 'Beta Logistics' };
    fake.addUser({ id: 'UBETAINST', name: 'Bea Installer', email: 'bea@beta.test' });
    fake.addInstall({ code: 'code-directory', team: beta, installerId: 'UBETAINST', botToken: 'xoxb-beta-1' });
    const back = await fetch(`${base}/slack/oauth_redirect?code=code-directory`);
    expect(back.status).toBe(200);
    expect(await back.text()).toContain('Thread is installed in Beta Logistics');
    const org = await thread.db.prisma.organization.findFirstOrThrow({ where: { slackTeamId: beta.id } });
    const admin = await thread.db.prisma.user.findFirstOrThrow({ where: { organizationId: org.id, role: 'admin' } });
    expect(admin.slackUserId).toBe('UBETAINST');
    expect(fake.callsWith('xoxb-beta-1', 'chat.postMessage').map((c) => c.args.channel)).toEqual(['UBETAINST']);
  });

  it('forgets the tokens when Slack says Thread was uninstalled, serves nothing, and a reinstall restores it', async () => {
    const before = await installation();
    expect(before?.credentials).not.toBeNull();
    const uninstalled = await post(
      eventCallback({
        token: 'x',
        team_id: ACME.id,
        api_app_id: 'ATHREAD01',
        type: 'event_callback',
        event_id: 'EvUNINSTALL1',
        event_time: Math.floor(Date.now() / 1000),
        event: { type: 'app_uninstalled', event_ts: `${Math.floor(Date.now() / 1000)}.000100` },
      }),
    );
    expect(uninstalled.status).toBe(200);
    const removed = await waitFor(
      async () => ((await installation())?.credentials === null ? await installation() : undefined),
      {
        description: 'the tokens deleted',
      },
    );
    expect(removed).toMatchObject({ removedBecause: 'app_uninstalled', organizationId: before!.organizationId });
    // The organisation and its people are kept.
    expect(await thread.db.prisma.user.count({ where: { organizationId: before!.organizationId } })).toBeGreaterThan(0);

    // Bolt's authorize finds no token: the request is acknowledged and nothing runs, nothing is sent.
    fake.forgetCalls();
    const refused = await post(helpFrom(ACME.id, INSTALLER));
    expect(refused.status).toBe(200);
    expect(await refused.text()).not.toContain('/thread');
    expect(fake.calls).toEqual([]);

    // Reinstalling (with a new token) restores the same organisation.
    const { authorizeUrl, cookie } = await startInstall(base);
    fake.addInstall({ code: 'code-acme-again', team: ACME, installerId: INSTALLER, botToken: 'xoxb-acme-2' });
    const state = authorizeUrl.searchParams.get('state')!;
    const back = await fetch(`${base}/slack/oauth_redirect?code=code-acme-again&state=${encodeURIComponent(state)}`, {
      headers: { cookie },
    });
    expect(back.status).toBe(200);
    expect(await back.text()).toContain('Thread is back in Acme Robotics');
    const again = await installation();
    expect(again).toMatchObject({ organizationId: before!.organizationId, removedAt: null });
    expect(JSON.parse(createSecretBox(parseEncryptionKey(KEY)).open(again!.credentials!))).toEqual({
      botToken: 'xoxb-acme-2',
    });
    const dm = fake.callsWith('xoxb-acme-2', 'chat.postMessage').find((c) => c.args.channel === INSTALLER);
    expect(String(dm?.args.text)).toContain('Thread is back in Acme Robotics');
    const ack = await post(helpFrom(ACME.id, INSTALLER));
    expect(JSON.stringify(await ack.json())).toContain('/thread');
  }, 60_000);

  it('with token rotation, keeps the refresh token sealed and refreshes an expiring token once before using it', async () => {
    const rot = { id: 'TROTATE1', name: 'Rotating Co' };
    fake.addUser({ id: 'UROTATE1', name: 'Rhea Rotate', email: 'rhea@rot.test' });
    // Slack's rotating tokens last 12 hours; this one is already within the two hours before expiry, so the first use
    // after the install (reading the installer's profile) refreshes it.
    fake.addInstall({ code: 'code-rot', team: rot, installerId: 'UROTATE1', botToken: 'xoxb-rot', expiresIn: 3600 });
    expect((await fetch(`${base}/slack/oauth_redirect?code=code-rot`)).status).toBe(200);
    const ack = await post(helpFrom(rot.id, 'UROTATE1'));
    expect(JSON.stringify(await ack.json())).toContain('/thread');

    const refreshes = fake.callsTo('oauth.v2.access').filter((c) => c.args.grant_type === 'refresh_token');
    expect(refreshes.map((c) => c.args.refresh_token)).toEqual(['xoxe-1-code-rot']);
    const row = await thread.db.prisma.slackInstallation.findFirstOrThrow({ where: { teamId: rot.id } });
    expect(row.credentials).not.toContain('xoxe-');
    expect(JSON.parse(createSecretBox(parseEncryptionKey(KEY)).open(row.credentials!))).toEqual({
      botToken: 'xoxb-rot-r1',
      botRefreshToken: 'xoxe-r1',
    });
    expect(row.botTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 11 * 3600_000);
    expect(fake.callsWith('xoxb-rot-r1', 'users.info').length).toBeGreaterThan(0);
  });

  it('deletes the bot token when Slack revokes it', async () => {
    const revoked = await post(
      eventCallback({
        token: 'x',
        team_id: ACME.id,
        api_app_id: 'ATHREAD01',
        type: 'event_callback',
        event_id: 'EvREVOKEBOT',
        event_time: Math.floor(Date.now() / 1000),
        event: { type: 'tokens_revoked', tokens: { bot: ['UBOT'] } },
      }),
    );
    expect(revoked.status).toBe(200);
    const removed = await waitFor(
      async () => ((await installation())?.credentials === null ? await installation() : undefined),
      {
        description: 'the bot token deleted',
      },
    );
    expect(removed?.removedBecause).toBe('tokens_revoked');
  });
});
