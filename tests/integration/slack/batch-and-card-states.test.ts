import request from 'supertest';
import { createSlackMessenger } from '../../../src/connectors/slack-messages/slack-messenger';
import { createSmtpMailer, type SmtpMailer } from '../../../src/connectors/email/smtp-mailer';
import { reviewWorkflows } from '../../../src/composition/execution-ports';
import type { ExecutionDeps } from '../../../src/services/execution/ports';
import { editDraft } from '../../../src/services/review/edit-draft';
import { resolveSlackActor } from '../../../src/services/users/resolve-slack-actor';
import { interaction, eventCallback, slashCommand } from '../../support/slack-request';
import { useSmtpCapture } from '../../support/smtp-capture';
import { CSM, useSlackHarness } from './slack-harness';

const smtp = useSmtpCapture();

let deps: ExecutionDeps;
const lazy = () => reviewWorkflows(h.ctx, () => deps);
const h = useSlackHarness({
  executeAction: (...a) => lazy().executeAction(...a),
  executeBatch: (...a) => lazy().executeBatch(...a),
  mailer: () => deps.mailer,
});
let mailer: SmtpMailer;

beforeEach(() => {
  mailer = createSmtpMailer({ url: smtp.url, from: 'Thread <onboarding@vendor.test>', timeoutMs: 5000 });
  deps = {
    mailer,
    slackMessenger: createSlackMessenger({ botToken: 'xoxb-test', apiUrl: h.fake.apiUrl }),
    notifier: h.slack.notifier,
    pacing: { slackPerChannelMs: 0, emailMs: 0 },
  };
});
afterEach(() => mailer.close());

const send = (req: { body: string; headers: Record<string, string> }) =>
  request(h.http).post('/slack/events').set(req.headers).send(req.body);

function click(actionId: string, value: string, extra: object = {}) {
  return interaction({
    type: 'block_actions',
    user: { id: CSM },
    trigger_id: 'trig.1',
    response_url: h.fake.responseUrl(),
    container: { type: 'message', message_ts: '1.000100', channel_id: 'CSOMEWHERE' },
    actions: [{ action_id: actionId, value, type: 'button' }],
    ...extra,
  });
}

async function readyDraft(account: string, key: string, body: string, subject = 'Hello from onboarding') {
  const action = await h.db.prisma.action.findFirstOrThrow({ where: { key, account: { name: account } } });
  await h.db.prisma.action.update({ where: { id: action.id }, data: { status: 'ready' } });
  const actor = await resolveSlackActor(h.ctx, { slackUserId: CSM });
  await editDraft(h.ctx, { organizationId: actor.organizationId, actionId: action.id, actor, subject, body });
  return action.id;
}

async function postCard(actionId: string) {
  await h.slack.notifier.actionChanged(actionId);
  const action = await h.db.prisma.action.findUniqueOrThrow({ where: { id: actionId } });
  h.fake.reset();
  return { type: 'message', channel_id: action.reviewCardChannel!, message_ts: action.reviewCardTs! };
}
const lastCard = (ts: string) =>
  h.fake
    .callsTo('chat.update')
    .filter((c) => c.args.ts === ts)
    .at(-1)!;

const settle = () => new Promise((r) => setTimeout(r, 300));

describe('batch review and execution', () => {
  it('executes the ticked drafts, shows "n of m sent" in one message updated in place, lists the failure with a Retry that sends it', async () => {
    await h.seed();
    const ok1 = await readyDraft('Helios Health', 'welcome-email', 'Hi Sam, welcome to onboarding for Helios Health.');
    const ok2 = await readyDraft(
      'Northwind Logistics',
      'welcome-email',
      'Hi there, welcome to onboarding for Northwind Logistics.',
    );
    const bad = await readyDraft(
      'Helios Health',
      'technical-setup-intro',
      'Hi {{contact.first_name}}, time for technical setup at Helios Health.',
    );

    await send(
      slashCommand({
        command: '/thread',
        text: 'review',
        user_id: CSM,
        user_name: 'csm',
        team_id: 'T1',
        channel_id: 'CCSM',
        response_url: h.fake.responseUrl(),
        trigger_id: 't.1',
        token: 'x',
      }),
    );
    const queue = await h.fake.waitFor('response_url');
    const queueJson = JSON.stringify(queue.args.blocks);
    expect(queueJson).toContain('review_batch_select');
    expect(queueJson).toContain('review_execute_selected');
    h.fake.reset();

    const values = Object.fromEntries(
      [ok1, bad, ok2].map((id) => [
        `review:${id}`,
        { review_batch_select: { type: 'checkboxes', selected_options: [{ value: id }] } },
      ]),
    );
    const res = await send(
      click('review_execute_selected', 'selected', {
        container: { type: 'message', is_ephemeral: true },
        state: { values },
      }),
    );
    expect(res.status).toBe(200);

    const progressPost = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === CSM);
    expect(String(progressPost.args.text)).toBe('0 of 3 sent');
    const final = await h.fake.waitFor(
      'chat.update',
      (c) => c.args.channel === CSM && String(c.args.text).includes('failed'),
    );
    expect(final.args.text).toBe('2 of 3 sent, 1 failed');
    const finalJson = JSON.stringify(final.args.blocks);
    expect(finalJson).toContain('Batch finished');
    expect(finalJson).toContain('Helios Health · Technical setup introduction');
    expect(finalJson).toContain('{{contact.first_name}} has no value');
    expect(finalJson).toContain('review_batch_retry');
    // One progress message: every update goes to the message first posted.
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === CSM)).toHaveLength(1);
    const ack = await h.fake.waitFor('response_url');
    expect(String(ack.args.text)).toContain('Executing 3 drafts');

    expect(smtp.messages).toHaveLength(2);
    const statuses = await h.db.prisma.action.findMany({
      where: { id: { in: [ok1, ok2, bad] } },
      select: { id: true, status: true },
    });
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({
      [ok1]: 'executed',
      [ok2]: 'executed',
      [bad]: 'ready',
    });

    // Fix the draft, then Retry from the progress message: sent, and its line says so in the same message.
    const actor = await resolveSlackActor(h.ctx, { slackUserId: CSM });
    await editDraft(h.ctx, {
      organizationId: actor.organizationId,
      actionId: bad,
      actor,
      subject: 'Technical setup',
      body: 'Hi Sam, time for technical setup at Helios Health.',
    });
    h.fake.reset();
    await send(
      click('review_batch_retry', bad, {
        container: { type: 'message', channel_id: CSM, message_ts: '7.000100' },
        message: { ts: '7.000100', blocks: final.args.blocks },
      }),
    );
    const retried = await h.fake.waitFor('chat.update', (c) => c.args.ts === '7.000100');
    expect(JSON.stringify(retried.args.blocks)).toContain('sent on retry');
    expect(JSON.stringify(retried.args.blocks)).not.toContain('review_batch_retry');
    expect(smtp.messages).toHaveLength(3);
    expect((await h.db.prisma.action.findUniqueOrThrow({ where: { id: bad } })).status).toBe('executed');
  });

  it('says what to do when nothing is ticked, and sends nothing', async () => {
    await h.seed();
    await send(click('review_execute_selected', 'selected', { state: { values: {} } }));
    const reply = await h.fake.waitFor('response_url');
    expect(String(reply.args.text)).toContain('tick the drafts');
    expect(smtp.messages).toHaveLength(0);
  });
});

describe('review card states', () => {
  it('a refused email shows the error and a Retry on the card; Retry sends; Customer responded completes it', async () => {
    await h.seed();
    const id = await readyDraft('Helios Health', 'welcome-email', 'Hi Sam, welcome to onboarding for Helios Health.');
    const container = await postCard(id);
    smtp.refuse = 'mailbox unavailable';
    await send(click('review_execute', id, { container }));
    await h.fake.waitFor('chat.update', (c) => JSON.stringify(c.args.blocks).includes('Last send failed'));
    let card = JSON.stringify(lastCard(container.message_ts).args.blocks);
    expect(card).toContain('mailbox unavailable');
    expect(card).toContain('"text":"Retry"');
    let stored = await h.db.prisma.action.findUniqueOrThrow({ where: { id } });
    expect(stored.status).toBe('ready');
    expect(stored.lastError).toContain('mailbox unavailable');

    smtp.refuse = null;
    h.fake.reset();
    await send(click('review_execute', id, { container }));
    await h.fake.waitFor('chat.update', (c) => JSON.stringify(c.args.blocks).includes('review_customer_responded'));
    expect(smtp.messages).toHaveLength(1);
    expect((await h.db.prisma.action.findUniqueOrThrow({ where: { id } })).status).toBe('executed');

    h.fake.reset();
    await send(click('review_customer_responded', id, { container }));
    await h.fake.waitFor('chat.update', (c) => JSON.stringify(c.args.blocks).includes('Completed'));
    card = JSON.stringify(lastCard(container.message_ts).args.blocks);
    expect(card).not.toContain('review_customer_responded');
    stored = await h.db.prisma.action.findUniqueOrThrow({ where: { id } });
    expect(stored.status).toBe('completed');
    expect(
      await h.db.prisma.engagementEvent.count({ where: { accountId: stored.accountId, kind: 'email_reply' } }),
    ).toBe(1);
  });

  it('blocking lint findings: Execute is refused, "Execute anyway" sends and the override is audited', async () => {
    await h.seed();
    const id = await readyDraft(
      'Helios Health',
      'welcome-email',
      'Hi {{contact.first_name}}, welcome to onboarding for Helios Health.',
    );
    const container = await postCard(id);
    await h.slack.notifier.actionChanged(id);
    const card = JSON.stringify(lastCard(container.message_ts).args.blocks);
    expect(card).toContain('review_execute_anyway');
    expect(card).toContain('"confirm"');
    h.fake.reset();

    await send(click('review_execute', id, { container }));
    const refused = await h.fake.waitFor('response_url');
    expect(String(refused.args.text)).toContain('override');
    expect(smtp.messages).toHaveLength(0);

    await send(click('review_execute_anyway', id, { container }));
    await h.fake.waitFor('chat.update', (c) => JSON.stringify(c.args.blocks).includes('Sent'));
    expect(smtp.messages).toHaveLength(1);
    const stored = await h.db.prisma.action.findUniqueOrThrow({ where: { id } });
    expect(stored.status).toBe('executed');
    expect(stored.lintOverriddenById).not.toBeNull();
    const audit = await h.db.prisma.auditEvent.findFirstOrThrow({
      where: { entityId: id, reason: { startsWith: 'review lint overridden' } },
    });
    expect(audit.actor).toBe(stored.lintOverriddenById);
  });

  it('an internal task shows Done, which completes it', async () => {
    await h.seed();
    const task = await h.db.prisma.action.findFirstOrThrow({
      where: { key: 'kickoff-prep', account: { name: 'Helios Health' } },
    });
    await h.db.prisma.action.update({ where: { id: task.id }, data: { status: 'ready' } });
    await h.slack.notifier.actionChanged(task.id);
    const post = await h.fake.waitFor('chat.postMessage');
    expect(JSON.stringify(post.args.blocks)).toContain('review_task_done');
    const stored = await h.db.prisma.action.findUniqueOrThrow({ where: { id: task.id } });
    h.fake.reset();
    await send(
      click('review_task_done', task.id, {
        container: { type: 'message', channel_id: stored.reviewCardChannel, message_ts: stored.reviewCardTs },
      }),
    );
    await h.fake.waitFor('chat.update', (c) => JSON.stringify(c.args.blocks).includes('Completed'));
    expect((await h.db.prisma.action.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('completed');
  });
});

describe('Slack message completion', () => {
  it('completes a sent Slack message when the customer replies in its thread, not when the CSM does', async () => {
    await h.seed();
    const account = await h.db.prisma.account.findFirstOrThrow({ where: { name: 'Helios Health' } });
    await h.db.prisma.account.update({ where: { id: account.id }, data: { slackCustomerChannelId: 'CCUSTOMER1' } });
    const id = await readyDraft(
      'Helios Health',
      'kickoff-day-message',
      'Good morning Helios Health team, kickoff is today!',
      '',
    );
    const container = await postCard(id);
    await send(click('review_execute', id, { container }));
    const sent = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'CCUSTOMER1');
    await settle();
    const executed = await h.db.prisma.action.findUniqueOrThrow({ where: { id } });
    expect(executed.status).toBe('executed');
    const threadTs = (executed.executionRecord as { slackTs: string }).slackTs;
    expect(threadTs).toBeTruthy();
    expect(sent.args.text).toBe('Good morning Helios Health team, kickoff is today!');

    const reply = (user: string, eventId: string, thread = threadTs) =>
      send(
        eventCallback({
          type: 'event_callback',
          team_id: 'T1',
          api_app_id: 'A1',
          event_id: eventId,
          event_time: 1,
          event: {
            type: 'message',
            channel: 'CCUSTOMER1',
            user,
            text: 'Thanks!',
            ts: '9999.000200',
            thread_ts: thread,
          },
        }),
      );
    await reply(CSM, 'EvCsm');
    await reply('UCUSTOMER1', 'EvOther', '1234.000000');
    await settle();
    expect((await h.db.prisma.action.findUniqueOrThrow({ where: { id } })).status).toBe('executed');

    await reply('UCUSTOMER1', 'EvCustomer');
    for (
      let i = 0;
      i < 50 && (await h.db.prisma.action.findUniqueOrThrow({ where: { id } })).status !== 'completed';
      i++
    )
      await settle();
    expect((await h.db.prisma.action.findUniqueOrThrow({ where: { id } })).status).toBe('completed');
    expect(await h.db.prisma.engagementEvent.count({ where: { accountId: account.id, kind: 'slack_reply' } })).toBe(1);
  });
});
