/**
 * Answer here in a Slack Connect channel with Thread installed through OAuth. Bolt's authorize finds each request's
 * installation from the payload's team, and an external customer's click may name their own workspace there, where
 * Thread is not installed. For the shared-channel actions only, the installation is the one of the organisation whose
 * account owns the channel: the customer's click opens the form with the vendor's token and their answer is stored.
 * Any other button from that workspace, or Answer here in a channel no account owns, is still refused.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startThread, type RunningThread } from '../../../src/composition/start-thread';
import { silentLogger } from '../../../src/lib/logger';
import { setAccountChannels } from '../../../src/services/accounts/set-account-channels';
import { ACTIONS, COMMAND } from '../../../src/slack/ids';
import { findButton } from '../../support/block-kit';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, FakeSlackApi } from '../../support/fake-slack-api';
import { serviceContext } from '../../support/service-context';
import { interaction, slashCommand, TEST_SIGNING_SECRET, type SignedRequest } from '../../support/slack-request';
import { useSmtpCapture } from '../../support/smtp-capture';
import { viewState } from '../../support/slack-view-state';
import { waitFor } from '../../support/wait-for';
import { setUpTeam, type Team } from '../people/team-fixture';

jest.setTimeout(120_000);

const ACME = { id: 'T0ACME', name: 'Acme', token: 'xoxb-acme-1' };
const CSM = 'UACSM';
/** The Slack Connect channel with Acme's customer, and one of the customer's own people in it. */
const SHARED = 'CSHARED01';
const CUSTOMER_TEAM = 'TCUSTOMER1';
const EXTERNAL = 'UEXTSAM01';

describe('a customer’s click in a shared channel, with Thread installed through OAuth', () => {
  const fake = new FakeSlackApi();
  const smtp = useSmtpCapture();
  let dataDir: string;
  let thread: RunningThread;
  let base: string;
  let acme: Team;
  let nextReply = 1;

  beforeAll(async () => {
    await fake.start();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'thread-shared-oauth-'));
    thread = await startThread(
      {
        port: 0,
        publicUrl: 'https://thread.example.test',
        dataDir,
        slack: {
          oauth: {
            clientId: FAKE_CLIENT_ID,
            clientSecret: FAKE_CLIENT_SECRET,
            stateSecret: 'state-secret-0123456789ab',
          },
          signingSecret: TEST_SIGNING_SECRET,
          apiUrl: fake.apiUrl,
          csmChannel: 'CCSMS',
        },
        encryptionKey: 'd4'.repeat(32),
        smtp: { url: smtp.url, from: 'Thread <onboarding@thread.test>' },
        tickCron: '0 0 1 1 *',
        logLevel: 'silent',
      },
      silentLogger,
    );
    base = `http://127.0.0.1:${thread.port}`;
    fake.addUser({ id: 'UAADMIN', name: 'Admin of Acme', email: 'admin@a.test' });
    fake.addUser({ id: CSM, name: 'CSM of Acme', email: 'csm@a.test' });
    fake.addInstall({
      code: 'code-acme',
      team: { id: ACME.id, name: ACME.name },
      installerId: 'UAADMIN',
      botToken: ACME.token,
    });
    expect((await fetch(`${base}/slack/oauth_redirect?code=code-acme`)).status).toBe(200);
    const ctx = serviceContext(thread.db, '2026-03-02T10:00:00Z');
    acme = await setUpTeam(ctx, { teamId: ACME.id, name: ACME.name, prefix: 'A' });
    fake.addChannel({ id: SHARED, name: 'acme-customer', isMember: true, isShared: true });
    await setAccountChannels(ctx, {
      organizationId: acme.organizationId,
      actor: { userId: acme.csm.userId },
      accountId: acme.accountId,
      customerChannelId: SHARED,
    });
  }, 60_000);
  afterAll(async () => {
    await thread?.stop();
    await fake.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const post = (req: SignedRequest) =>
    fetch(`${base}/slack/events`, { method: 'POST', headers: req.headers, body: req.body });
  const securityForm = () =>
    thread.db.prisma.action.findFirstOrThrow({ where: { accountId: acme.accountId, key: 'security-form' } });

  /** A click as Slack sends it from a message in a channel; a customer's names their own workspace as the team. */
  function click(
    target: { actionId: string; value: string },
    o: { team: string; user: string; channel: string; ts?: string },
  ) {
    const id = `click${nextReply++}`;
    const response = post(
      interaction({
        type: 'block_actions',
        user: { id: o.user, team_id: o.team, name: 'sam.okafor' },
        team: { id: o.team },
        trigger_id: `trigger.${id}`,
        response_url: fake.responseUrl(id),
        channel: { id: o.channel, name: 'acme-customer' },
        container: { type: 'message', channel_id: o.channel, message_ts: o.ts ?? '1.000100' },
        actions: [{ action_id: target.actionId, value: target.value, type: 'button' }],
      }),
    );
    return { id, response };
  }

  /** Something the vendor's CSM asks after a refused request: once answered, the refused one is long done. */
  async function afterwards(): Promise<void> {
    const id = `cmd${nextReply++}`;
    await post(
      slashCommand({
        command: COMMAND,
        text: 'accounts',
        user_id: CSM,
        user_name: 'csm',
        team_id: ACME.id,
        channel_id: 'CCSMS',
        response_url: fake.responseUrl(id),
        trigger_id: 'trigger.command',
        token: 'x',
      }),
    );
    await waitFor(() => fake.callsTo('response_url').find((c) => c.args.id === id), { description: 'the answer' });
  }

  it('opens the form with the vendor’s token and stores the answer; other buttons and other channels stay refused', async () => {
    // The CSM executes the portal request: it is emailed, and posted in the shared channel with Answer here.
    const request = await securityForm();
    await post(
      interaction({
        type: 'block_actions',
        user: { id: CSM, team_id: ACME.id },
        team: { id: ACME.id },
        trigger_id: 'trigger.execute',
        response_url: fake.responseUrl('execute'),
        container: { type: 'message', channel_id: 'CCSMS', message_ts: '1.000100', is_ephemeral: true },
        actions: [{ action_id: ACTIONS.execute, value: request.id, type: 'button' }],
      }),
    );
    const shared = await waitFor(
      () => fake.callsWith(ACME.token, 'chat.postMessage').find((c) => c.args.channel === SHARED),
      { description: 'the request posted in the shared channel' },
    );
    const blocks = typeof shared.args.blocks === 'string' ? JSON.parse(shared.args.blocks) : shared.args.blocks;
    const answerHere = findButton(blocks, 'Answer here');
    fake.forgetCalls();

    // Sam, of the customer's workspace, clicks Answer here; Slack names Sam's workspace as the request's team.
    click(answerHere, { team: CUSTOMER_TEAM, user: EXTERNAL, channel: SHARED, ts: shared.ts ?? undefined });
    const opened = await waitFor(() => fake.callsTo('views.open').at(-1), { description: 'the answer form opened' });
    expect(opened.token).toBe(ACME.token);
    const view = (typeof opened.args.view === 'string' ? JSON.parse(opened.args.view) : opened.args.view) as {
      callback_id: string;
      private_metadata: string;
      blocks: Record<string, unknown>[];
    };
    expect(view.callback_id).toBe('view_customer_answer_form');

    // The modal comes back with the vendor's workspace as the one the app is installed in.
    const ack = await post(
      interaction({
        type: 'view_submission',
        user: { id: EXTERNAL, team_id: CUSTOMER_TEAM, name: 'sam.okafor' },
        team: { id: CUSTOMER_TEAM },
        view: {
          ...view,
          id: 'V1',
          app_installed_team_id: ACME.id,
          state: { values: viewState(view, { answer_0: 'Yes, Okta' }) },
        },
      }),
    );
    const answer = (await ack.json()) as { response_action?: string; view?: unknown };
    expect(answer.response_action).toBe('update');
    expect(JSON.stringify(answer.view)).toContain('Thank you');
    expect((await securityForm()).status).toBe('completed');
    const submission = await thread.db.prisma.submission.findFirstOrThrow({ where: { actionId: request.id } });
    expect(submission.data).toEqual({ sso: 'Yes, Okta' });

    // Any other button from the customer's workspace is refused before a listener runs; so is Answer here in a
    // channel that is no account's customer channel.
    const welcome = await thread.db.prisma.action.findFirstOrThrow({
      where: { accountId: acme.accountId, key: 'welcome' },
    });
    fake.forgetCalls();
    const refused = [
      click({ actionId: ACTIONS.skip, value: welcome.id }, { team: CUSTOMER_TEAM, user: EXTERNAL, channel: SHARED }),
      click(answerHere, { team: CUSTOMER_TEAM, user: EXTERNAL, channel: 'CELSEWHERE1' }),
    ];
    for (const r of refused) expect((await r.response).status).toBe(200);
    await afterwards();
    expect(fake.calls.filter((c) => refused.some((r) => r.id === c.args.id))).toEqual([]);
    expect(fake.callsTo('views.open')).toEqual([]);
    expect((await thread.db.prisma.action.findUniqueOrThrow({ where: { id: welcome.id } })).status).toBe(
      welcome.status,
    );
  });
});
