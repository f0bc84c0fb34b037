import request from 'supertest';
import { createSmtpMailer, type SmtpMailer } from '../../../src/connectors/email/smtp-mailer';
import type { Mailer } from '../../../src/services/execution/ports';
import { remindUnreviewedSubmissions } from '../../../src/services/scheduler/remind-unreviewed-submissions';
import { sendDailyDigests } from '../../../src/services/scheduler/send-daily-digests';
import { interaction } from '../../support/slack-request';
import { header, useSmtpCapture } from '../../support/smtp-capture';
import { CSM, useSlackHarness } from './slack-harness';

const smtp = useSmtpCapture();

let mailer: Mailer | undefined;
const h = useSlackHarness({ mailer: () => mailer });
let smtpMailer: SmtpMailer;

beforeEach(() => {
  smtpMailer = createSmtpMailer({ url: smtp.url, from: 'Thread <onboarding@vendor.test>', timeoutMs: 5000 });
  mailer = smtpMailer;
});
afterEach(() => smtpMailer.close());

const send = (req: { body: string; headers: Record<string, string> }) =>
  request(h.http).post('/slack/events').set(req.headers).send(req.body);

/** A customer's form answer and its card in the CSM channel (as the Slack notifier posts it for submitPortalForm). */
async function submittedCard() {
  await h.seed();
  const account = await h.db.prisma.account.findFirstOrThrow({
    where: { name: 'Helios Health' },
    include: { contacts: true },
  });
  const action = await h.db.prisma.action.findFirstOrThrow({
    where: { accountId: account.id, key: 'kickoff-questionnaire' },
  });
  const contact = account.contacts[0]!;
  const submission = await h.db.prisma.submission.create({
    data: {
      accountId: account.id,
      actionId: action.id,
      contactId: contact.id,
      kind: 'form',
      data: { primary_goals: 'Go live' },
      createdAt: new Date('2026-11-24T08:00:00Z'),
    },
  });
  await h.slack.notifier.portalAnswerReceived({
    submissionId: submission.id,
    accountId: account.id,
    accountName: account.name,
    actionId: action.id,
    actionName: action.name,
    contactName: contact.name,
    answer: { kind: 'form', answers: [{ label: 'Primary goals', value: 'Go live <soon>' }] },
  });
  const post = await h.fake.waitFor('chat.postMessage');
  h.fake.reset();
  return {
    account,
    contact,
    submission,
    post,
    container: { type: 'message', channel_id: String(post.args.channel), message_ts: '1000.000100' },
  };
}

function click(actionId: string, value: string, container: object, message?: object, user = CSM) {
  return interaction({
    type: 'block_actions',
    user: { id: user },
    trigger_id: 'trig.1',
    response_url: h.fake.responseUrl(),
    container,
    ...(message ? { message } : {}),
    actions: [{ action_id: actionId, value, type: 'button' }],
  });
}

describe('portal submission cards', () => {
  it('Acknowledge marks the submission reviewed, updates the card in place and stops the review clock', async () => {
    const { submission, post, container } = await submittedCard();
    await send(click('portal_submission_acknowledge', submission.id, container, { blocks: post.args.blocks }));
    const update = await h.fake.waitFor('chat.update');
    expect(update.args).toMatchObject({ channel: container.channel_id, ts: container.message_ts });
    const blocks = JSON.stringify(update.args.blocks);
    expect(blocks).toContain('Acknowledged by <@UCSM0001>');
    expect(blocks).toContain('Go live &lt;soon&gt;'); // the answers stay
    expect(blocks).not.toContain('portal_submission_acknowledge');
    const stored = await h.db.prisma.submission.findUniqueOrThrow({ where: { id: submission.id } });
    expect(stored.reviewOutcome).toBe('acknowledged');
    expect(stored.reviewedAt?.toISOString()).toBe('2026-11-24T10:00:00.000Z');
    const reviewer = await h.db.prisma.user.findFirstOrThrow({ where: { slackUserId: CSM } });
    expect(stored.reviewedById).toBe(reviewer.id);

    // Past the SLA, nothing is reminded or escalated any more.
    const later = { ...h.ctx, now: () => new Date('2026-11-26T10:00:00Z') };
    expect(await remindUnreviewedSubmissions(later, { notifier: h.slack.notifier })).toEqual({
      reminded: [],
      escalated: [],
    });
    // A double click records one review.
    await send(click('portal_submission_acknowledge', submission.id, container, { blocks: post.args.blocks }));
    await new Promise((r) => setTimeout(r, 300));
    expect(
      await h.db.prisma.auditEvent.count({ where: { entityId: submission.id, reason: { contains: 'acknowledged' } } }),
    ).toBe(1);
  });

  it("refuses someone who is not the account's CSM or an admin", async () => {
    const { submission, container } = await submittedCard();
    await send(click('portal_submission_acknowledge', submission.id, container, undefined, 'UOTHER01'));
    const reply = await h.fake.waitFor('response_url');
    expect(String(reply.args.text)).toContain("only the account's CSM or an admin");
    expect((await h.db.prisma.submission.findUniqueOrThrow({ where: { id: submission.id } })).reviewedAt).toBeNull();
  });

  it('Follow up opens a modal, emails the note to the customer and marks it reviewed with outcome follow_up', async () => {
    const { submission, contact, container } = await submittedCard();
    await send(click('portal_submission_follow_up', submission.id, container));
    const open = await h.fake.waitFor('views.open');
    const view = open.args.view as { callback_id: string; private_metadata: string };
    expect(JSON.stringify(view)).toContain('emails the note');
    const submit = (note: string) =>
      interaction({
        type: 'view_submission',
        user: { id: CSM },
        view: { ...view, id: 'V1', state: { values: { note: { note: { value: note } } } } },
      });
    expect((await send(submit('  '))).body.response_action).toBe('errors');
    const ok = await send(submit('Could you add the target go-live date?'));
    expect(ok.status).toBe(200);
    const update = await h.fake.waitFor('chat.update');
    expect(JSON.stringify(update.args.blocks)).toContain(`note emailed to ${contact.email}`);
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.to).toEqual([contact.email]);
    expect(smtp.messages[0]!.raw).toContain('Could you add the target go-live date?');
    expect(header(smtp.messages[0]!.raw, 'subject')).toContain('Kickoff questionnaire');
    const stored = await h.db.prisma.submission.findUniqueOrThrow({ where: { id: submission.id } });
    expect(stored.reviewOutcome).toBe('follow_up');
    // The claim is audited with it (before the email), the outcome after it.
    const trail = await h.db.prisma.auditEvent.findMany({ where: { entityId: submission.id } });
    expect(trail.map((a) => (a.data as { state?: string }).state).sort()).toEqual(['claimed', 'done']);
    const done = trail.find((a) => (a.data as { state?: string }).state === 'done')!;
    expect(done.data).toMatchObject({ note: 'Could you add the target go-live date?', emailedTo: contact.email });
  });

  it('when the mail server refuses the follow-up, the submission waits for review again and the trail says why', async () => {
    const { submission, container } = await submittedCard();
    await send(click('portal_submission_follow_up', submission.id, container));
    const view = (await h.fake.waitFor('views.open')).args.view as object;
    smtp.refuse = 'mailbox unavailable';
    await send(
      interaction({
        type: 'view_submission',
        user: { id: CSM },
        view: { ...view, id: 'V1', state: { values: { note: { note: { value: 'One more detail, please' } } } } },
      }),
    );
    await waitUntil(async () => (await h.db.prisma.auditEvent.count({ where: { entityId: submission.id } })) >= 2);
    expect(smtp.messages).toHaveLength(0);
    const stored = await h.db.prisma.submission.findUniqueOrThrow({ where: { id: submission.id } });
    expect(stored).toMatchObject({ reviewedAt: null, reviewedById: null, reviewOutcome: null });
    const trail = await h.db.prisma.auditEvent.findMany({ where: { entityId: submission.id } });
    expect(trail.map((a) => (a.data as { state?: string }).state).sort()).toEqual(['claimed', 'failed']);
    expect(trail.find((a) => (a.data as { state?: string }).state === 'failed')!.reason).toContain(
      'failed; the submission is waiting for review again',
    );
  });

  it('with email off, Follow up records the note, says it was not emailed, and still marks it reviewed', async () => {
    mailer = undefined;
    const { submission, container } = await submittedCard();
    await send(click('portal_submission_follow_up', submission.id, container));
    const view = (await h.fake.waitFor('views.open')).args.view as object;
    expect(JSON.stringify(view)).toContain('Email is off');
    await send(
      interaction({
        type: 'view_submission',
        user: { id: CSM },
        view: { ...view, id: 'V1', state: { values: { note: { note: { value: 'Please resend' } } } } },
      }),
    );
    const update = await h.fake.waitFor('chat.update');
    expect(JSON.stringify(update.args.blocks)).toContain('note recorded, not emailed: email is off');
    expect(smtp.messages).toHaveLength(0);
    expect((await h.db.prisma.submission.findUniqueOrThrow({ where: { id: submission.id } })).reviewOutcome).toBe(
      'follow_up',
    );
  });
});

describe('scheduler messages as Block Kit', () => {
  it('renders the daily digest as one DM with a section per list, escaping customer text', async () => {
    await h.seed();
    const account = await h.db.prisma.account.findFirstOrThrow({
      where: { name: 'Helios Health' },
      include: { milestones: { orderBy: { position: 'asc' } } },
    });
    await h.db.prisma.milestone.update({
      where: { id: account.milestones[0]!.id },
      data: { status: 'blocked', blockedAt: new Date('2026-11-20T10:00:00Z'), blockerNote: 'waiting on <!channel> IT' },
    });
    const org = await h.db.prisma.organization.findFirstOrThrow();
    const digestTime = { ...h.ctx, now: () => new Date('2026-11-25T12:00:00Z') };
    await h.db.prisma.organization.update({ where: { id: org.id }, data: { timezone: 'UTC', digestHour: 9 } });
    const result = await sendDailyDigests(digestTime, { notifier: h.slack.notifier });
    expect(result.failed).toEqual([]);
    const dm = await h.fake.waitFor('chat.postMessage', (c) =>
      JSON.stringify(c.args.blocks ?? '').includes('Thread digest'),
    );
    const blocks = dm.args.blocks as { type: string; text?: { text: string } }[];
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Your Thread digest for 2026-11-25' } });
    const all = JSON.stringify(blocks);
    expect(all).toContain('*Blocked milestones (1)*');
    expect(all).toContain('waiting on &lt;!channel&gt; IT');
    expect(all).not.toContain('<!channel>');
    expect(String(dm.args.text)).toContain('1 blocked milestones');
  });

  it('sends the review reminder to the channel and the escalation as a DM, both with Acknowledge, which clears the escalation card', async () => {
    const { submission, account } = await submittedCard();
    const at = (iso: string) => ({ ...h.ctx, now: () => new Date(iso) });
    await remindUnreviewedSubmissions(at('2026-11-25T02:00:00Z'), { notifier: h.slack.notifier }); // 18 h of 24
    const reminder = await h.fake.waitFor('chat.postMessage', (c) => String(c.args.text).startsWith('Reminder'));
    expect(JSON.stringify(reminder.args.blocks)).toContain('portal_submission_acknowledge');
    expect(JSON.stringify(reminder.args.blocks)).toContain('about 6 h left'.replace('about', 'About'));
    await remindUnreviewedSubmissions(at('2026-11-25T08:00:00Z'), { notifier: h.slack.notifier }); // 24 h
    const escalation = await h.fake.waitFor('chat.postMessage', (c) => String(c.args.text).startsWith('Escalation'));
    expect(escalation.args.channel).toBe(CSM);
    expect(JSON.stringify(escalation.args.blocks)).toContain('Review overdue');
    h.fake.reset();
    await send(
      click(
        'portal_submission_acknowledge',
        submission.id,
        { type: 'message', channel_id: CSM, message_ts: '1002.000100' },
        { blocks: escalation.args.blocks },
      ),
    );
    const update = await h.fake.waitFor('chat.update');
    expect(JSON.stringify(update.args.blocks)).toContain('Acknowledged by');
    expect(JSON.stringify(update.args.blocks)).not.toContain('portal_submission_follow_up');
    void account;
  });
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
