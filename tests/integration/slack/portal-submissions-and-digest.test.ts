import { remindUnreviewedSubmissions } from '../../../src/services/scheduler/remind-unreviewed-submissions';
import { sendDailyDigests } from '../../../src/services/scheduler/send-daily-digests';
import { buttonLabels, findButton, stringsIn, textOf } from '../../support/block-kit';
import { header, useSmtpCapture, useSmtpMailer } from '../../support/smtp-capture';
import { blockMilestone } from '../../../src/services/milestones/block-milestone';
import { answerPortalForm, arrangeDeps, publishAction } from '../../support/plan-steps';
import { CSM, CSM_PROFILE, NOW, PUBLIC_URL, useSlackHarness } from '../../support/slack-harness';
import { updateSettings } from '../../../src/services/organizations/update-settings';

const smtp = useSmtpCapture();

const mail = useSmtpMailer(smtp);
const h = useSlackHarness({ mailer: () => mail.current });

/**
 * Helios Health's kickoff questionnaire, answered by Sam in the portal on Tuesday at 08:00 (two hours before the
 * test's clock), and the card the Slack notifier posts for it in the CSM channel. On the way the CSM sent the welcome
 * email and the questionnaire after it.
 */
async function submittedCard() {
  h.ctx.setNow('2026-11-24T08:00:00Z');
  await h.seed();
  // Slack delivers the CSM's profile (user_change), so customer email goes out as them.
  await h.changeProfile({ ...CSM_PROFILE });
  const account = await h.db.prisma.account.findFirstOrThrow({
    where: { name: 'Helios Health' },
    include: { contacts: true },
  });
  const actionOf = (key: string) => h.db.prisma.action.findFirstOrThrow({ where: { accountId: account.id, key } });
  const csm = await h.actor(CSM);
  const asCsm = { organizationId: csm.organizationId, actor: { userId: csm.userId } };
  const deps = arrangeDeps(h.ctx, { publicUrl: PUBLIC_URL });
  await publishAction(h.ctx, deps, { ...asCsm, actionId: (await actionOf('welcome-email')).id });
  const action = await actionOf('kickoff-questionnaire');
  await publishAction(h.ctx, deps, { ...asCsm, actionId: action.id });
  h.forget();
  const submissionId = await answerPortalForm(h.ctx, deps, {
    actionId: action.id,
    values: {
      primary_goals: 'Go live <soon>',
      project_owner_email: 'sam.okafor@helioshealth.co',
      target_go_live: '2027-02-01',
      preferred_channel: 'Both',
    },
    notifier: h.slack.notifier,
  });
  await h.settled();
  const submission = await h.db.prisma.submission.findUniqueOrThrow({ where: { id: submissionId } });
  const contact = account.contacts[0]!;
  const card = h.lastPosted();
  h.forget();
  h.ctx.setNow(NOW);
  return { account, contact, submission, card };
}

describe('portal submission cards', () => {
  it('Acknowledge marks the submission reviewed, updates the card in place and stops the review clock', async () => {
    const { submission, card } = await submittedCard();
    expect(findButton(card.blocks, 'Acknowledge')).toMatchObject({
      actionId: 'portal_submission_acknowledge',
      value: submission.id,
    });
    await h.press(card, 'Acknowledge');
    const update = h.lastUpdated();
    expect(update).toMatchObject({ channel: card.channel, ts: card.ts });
    expect(textOf(update.blocks)).toContain('Acknowledged by <@UCSM0001>');
    expect(textOf(update.blocks)).toContain('Go live &lt;soon&gt;'); // the answers stay
    expect(stringsIn(update.blocks)).not.toContain('portal_submission_acknowledge');
    const stored = await h.db.prisma.submission.findUniqueOrThrow({ where: { id: submission.id } });
    expect(stored.reviewOutcome).toBe('acknowledged');
    expect(stored.reviewedAt?.toISOString()).toBe('2026-11-24T10:00:00.000Z');
    const reviewer = await h.db.prisma.user.findFirstOrThrow({ where: { slackUserId: CSM } });
    expect(stored.reviewedById).toBe(reviewer.id);

    // Past the SLA, nothing is reminded or escalated any more.
    h.ctx.setNow('2026-11-26T10:00:00Z');
    expect(await remindUnreviewedSubmissions(h.ctx, { notifier: h.slack.notifier })).toEqual({
      reminded: [],
      held: [],
      escalated: [],
      failed: [],
    });
    // A double click records one review.
    await h.press(card, 'Acknowledge');
    expect(
      await h.db.prisma.auditEvent.count({ where: { entityId: submission.id, reason: { contains: 'acknowledged' } } }),
    ).toBe(1);
  });

  it("refuses someone who is not the account's CSM or an admin", async () => {
    const { submission, card } = await submittedCard();
    // A colleague who is a CSM, but not this account's.
    await h.addPerson('UOTHER01', 'csm');
    await h.press(card, 'Acknowledge', { as: 'UOTHER01' });
    expect(h.lastReply().text).toContain("only the account's CSM or an admin");
    expect((await h.db.prisma.submission.findUniqueOrThrow({ where: { id: submission.id } })).reviewedAt).toBeNull();
  });

  it('Follow up opens a modal, emails the note to the customer and marks it reviewed with outcome follow_up', async () => {
    const { submission, contact, card } = await submittedCard();
    await h.press(card, 'Follow up');
    const view = h.lastOpened();
    expect(textOf(view)).toContain('emails the note');
    expect((await h.submitView(view, { note: '  ' })).body.response_action).toBe('errors');
    const ok = await h.submitView(view, { note: 'Could you add the target go-live date?' });
    expect(ok.status).toBe(200);
    expect(textOf(h.lastUpdated().blocks)).toContain(`note emailed to ${contact.email}`);
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
    const { submission, card } = await submittedCard();
    await h.press(card, 'Follow up');
    smtp.refuse = 'mailbox unavailable';
    await h.submitView(h.lastOpened(), { note: 'One more detail, please' });
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
    mail.turnOff();
    const { submission, card } = await submittedCard();
    await h.press(card, 'Follow up');
    const view = h.lastOpened();
    expect(textOf(view)).toContain('Email is off');
    await h.submitView(view, { note: 'Please resend' });
    expect(textOf(h.lastUpdated().blocks)).toContain('note recorded, not emailed: email is off');
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
    const org = await h.db.prisma.organization.findFirstOrThrow();
    const csm = await h.actor(CSM);
    await blockMilestone(h.ctx, {
      organizationId: org.id,
      milestoneId: account.milestones[0]!.id,
      actor: csm,
      note: 'waiting on <!channel> IT',
      cause: 'customer',
    });
    h.ctx.setNow('2026-11-25T12:00:00Z');
    await updateSettings(h.ctx, { organizationId: org.id, actor: 'cli', settings: { timezone: 'UTC' } });
    const result = await sendDailyDigests(h.ctx, { notifier: h.slack.notifier });
    expect(result.failed).toEqual([]);
    const dm = h.posted.find((m) => textOf(m.blocks).includes('Thread digest'));
    expect(dm).toBeDefined();
    const blocks = dm!.blocks!;
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Your Thread digest for 2026-11-25' } });
    expect(textOf(blocks)).toContain('*Blocked milestones (1)*');
    expect(textOf(blocks)).toContain('waiting on &lt;!channel&gt; IT');
    expect(stringsIn(blocks)).not.toContain('<!channel>');
    expect(dm!.text).toContain('1 blocked milestones');
  });

  it('sends the review reminder to the channel and the escalation as a DM, both with Acknowledge, which clears the escalation card', async () => {
    const { submission } = await submittedCard();
    h.ctx.setNow('2026-11-25T02:00:00Z'); // 18 h of 24
    await remindUnreviewedSubmissions(h.ctx, { notifier: h.slack.notifier });
    const reminder = h.posted.find((m) => m.text?.startsWith('Reminder'));
    expect(reminder).toBeDefined();
    expect(findButton(reminder!.blocks, 'Acknowledge')).toMatchObject({
      actionId: 'portal_submission_acknowledge',
      value: submission.id,
    });
    expect(textOf(reminder!.blocks)).toContain('About 6 h left');
    h.ctx.setNow('2026-11-25T08:00:00Z'); // 24 h
    await remindUnreviewedSubmissions(h.ctx, { notifier: h.slack.notifier });
    const escalation = h.posted.find((m) => m.text?.startsWith('Escalation'));
    expect(escalation).toBeDefined();
    expect(escalation!.channel).toBe(CSM);
    expect(textOf(escalation!.blocks)).toContain('Review overdue');
    h.forget();
    await h.press(escalation!, 'Acknowledge');
    const update = h.lastUpdated();
    expect(update).toMatchObject({ channel: CSM, ts: escalation!.ts });
    expect(textOf(update.blocks)).toContain('Acknowledged by');
    expect(buttonLabels(update.blocks)).not.toContain('Follow up');
    expect(stringsIn(update.blocks)).not.toContain('portal_submission_follow_up');
  });
});
