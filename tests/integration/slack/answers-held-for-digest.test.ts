/**
 * A CSM who takes their cards "in my morning digest" (App Home) is not pinged when a customer answers: no answer
 * card and no 75% review reminder in the channel. The answer waits in App Home and in the digest, each with
 * Acknowledge and Follow up; the escalation at 100% of the SLA still goes out, as the organisation's rule.
 * Everything is arranged through Slack requests, the portal's services and the scheduler's steps.
 */
import { remindUnreviewedSubmissions } from '../../../src/services/scheduler/remind-unreviewed-submissions';
import { sendDailyDigests } from '../../../src/services/scheduler/send-daily-digests';
import { ACTIONS } from '../../../src/slack/ids';
import { buttons, findButton, stringsIn, textOf } from '../../support/block-kit';
import { answerPortalForm, arrangeDeps, publishAction } from '../../support/plan-steps';
import { CSM, CSM_PROFILE, PUBLIC_URL, useSlackHarness, type SeenView } from '../../support/slack-harness';
import { useSmtpCapture, useSmtpMailer } from '../../support/smtp-capture';

const smtp = useSmtpCapture();
const mail = useSmtpMailer(smtp);
const h = useSlackHarness({ mailer: () => mail.current });
const HOME = { container: { type: 'view', view_id: 'VHOME' }, withoutResponseUrl: true } as const;

function homeOf(user: string): SeenView {
  const home = h.published.filter((p) => p.userId === user).at(-1);
  if (!home) throw new Error(`no App Home was published for ${user}`);
  return home.view;
}

/** Messages posted anywhere that carry Acknowledge for this submission. */
function cardsFor(submissionId: string) {
  return h.posted.filter((m) =>
    buttons(m.blocks).some((b) => b.actionId === ACTIONS.submissionAcknowledge && b.value === submissionId),
  );
}

/**
 * The CSM picks "In my morning digest" in App Home (unless told not to); then Sam, Helios Health's contact, answers the kickoff
 * questionnaire in the portal on Tuesday at 08:00 (after the CSM sent the welcome email and the questionnaire).
 */
async function answeredWhileOnDigest(o: { digest: boolean } = { digest: true }) {
  h.ctx.setNow('2026-11-24T08:00:00Z');
  await h.seed();
  await h.changeProfile({ ...CSM_PROFILE });
  await h.send({ type: 'app_home_opened', user: CSM, tab: 'home', channel: 'D1' });
  if (o.digest)
    await h.select(ACTIONS.reviewCardDelivery, { text: 'In my morning digest', value: 'digest' }, { as: CSM, ...HOME });
  const account = await h.db.prisma.account.findFirstOrThrow({ where: { name: 'Helios Health' } });
  const actionOf = (key: string) => h.db.prisma.action.findFirstOrThrow({ where: { accountId: account.id, key } });
  const csm = await h.actor(CSM);
  const asCsm = { organizationId: csm.organizationId, actor: { userId: csm.userId } };
  const deps = arrangeDeps(h.ctx, { publicUrl: PUBLIC_URL });
  await publishAction(h.ctx, deps, { ...asCsm, actionId: (await actionOf('welcome-email')).id });
  const questionnaire = await actionOf('kickoff-questionnaire');
  await publishAction(h.ctx, deps, { ...asCsm, actionId: questionnaire.id });
  h.forget();
  const submissionId = await answerPortalForm(h.ctx, deps, {
    actionId: questionnaire.id,
    values: {
      primary_goals: 'Go live before the audit',
      project_owner_email: 'sam.okafor@helioshealth.co',
      target_go_live: '2027-02-01',
      preferred_channel: 'Both',
    },
    notifier: h.slack.notifier,
  });
  await h.settled();
  return { submissionId };
}

describe('customer answers for a CSM who takes the morning digest', () => {
  it('post no answer card; App Home lists the answer with Acknowledge, which reviews it from there', async () => {
    const { submissionId } = await answeredWhileOnDigest();

    expect(cardsFor(submissionId)).toEqual([]);
    const home = homeOf(CSM);
    expect(textOf(home)).toContain('Helios Health · Kickoff questionnaire');
    expect(findButton(home.blocks, 'Follow up', submissionId).actionId).toBe(ACTIONS.submissionFollowUp);

    h.forget();
    await h.click(findButton(home.blocks, 'Acknowledge', submissionId), HOME);

    const stored = await h.db.prisma.submission.findUniqueOrThrow({ where: { id: submissionId } });
    expect(stored.reviewOutcome).toBe('acknowledged');
    // No message to update and nothing to tell: Home is published again without the answer.
    expect(h.updated).toEqual([]);
    expect(h.posted).toEqual([]);
    expect(buttons(homeOf(CSM).blocks).filter((b) => b.value === submissionId)).toEqual([]);
    expect(textOf(homeOf(CSM))).toContain('*Customer submissions to review*\n_none_');
  });

  it('Follow up from App Home sends the note from a modal and publishes Home again', async () => {
    const { submissionId } = await answeredWhileOnDigest();
    await h.click(findButton(homeOf(CSM).blocks, 'Follow up', submissionId), HOME);
    const modal = h.lastOpened();
    h.forget();
    expect((await h.submitView(modal, { note: 'Which SSO provider do you use?' })).status).toBe(200);

    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.raw).toContain('Which SSO provider do you use?');
    expect(h.updated).toEqual([]);
    expect(stringsIn(homeOf(CSM).blocks)).not.toContain(submissionId);
    const stored = await h.db.prisma.submission.findUniqueOrThrow({ where: { id: submissionId } });
    expect(stored.reviewOutcome).toBe('follow_up');
  });

  it('a refusal from App Home comes as a direct message, and nothing is reviewed', async () => {
    const { submissionId } = await answeredWhileOnDigest();
    await h.addPerson('UOTHER01', 'csm');
    h.forget();
    await h.click({ actionId: ACTIONS.submissionAcknowledge, value: submissionId }, { as: 'UOTHER01', ...HOME });
    expect(h.lastPosted()).toMatchObject({ channel: 'UOTHER01' });
    expect(h.lastPosted().text).toContain("only the account's CSM or an admin");
    expect((await h.db.prisma.submission.findUniqueOrThrow({ where: { id: submissionId } })).reviewedAt).toBeNull();
  });

  it('hold the 75% reminder (audited); the escalation at 100% still reaches the CSM and the admins', async () => {
    const { submissionId } = await answeredWhileOnDigest();
    h.forget();
    h.ctx.setNow('2026-11-25T02:00:00Z'); // 18 h of 24
    expect(await remindUnreviewedSubmissions(h.ctx, { notifier: h.slack.notifier })).toEqual({
      reminded: [],
      held: [submissionId],
      escalated: [],
      failed: [],
    });
    expect(h.posted).toEqual([]);
    const audit = await h.db.prisma.auditEvent.findFirstOrThrow({
      where: { entityId: submissionId, reason: { startsWith: 'review reminder' } },
    });
    expect(audit.reason).toBe("review reminder held for the CSM's morning digest: 75% of the 24 h review SLA used");
    // Held once: the next tick does not hold it again or post it.
    expect((await remindUnreviewedSubmissions(h.ctx, { notifier: h.slack.notifier })).held).toEqual([]);

    h.ctx.setNow('2026-11-25T08:00:00Z'); // 24 h
    const escalated = await remindUnreviewedSubmissions(h.ctx, { notifier: h.slack.notifier });
    expect(escalated.escalated).toEqual([submissionId]);
    expect(cardsFor(submissionId).map((m) => m.channel)).toEqual([CSM]);
    expect(h.lastPosted().text).toContain('Escalation');
  });

  it('the digest lists the answer with its buttons; Acknowledge there replaces only that line’s buttons', async () => {
    const { submissionId } = await answeredWhileOnDigest();
    h.forget();
    h.ctx.setNow('2026-11-25T09:30:00Z'); // the next morning, after 09:00 in the organisation's timezone
    expect((await sendDailyDigests(h.ctx, { notifier: h.slack.notifier })).failed).toEqual([]);
    const digest = h.posted.find((m) => m.channel === CSM && textOf(m.blocks).includes('Thread digest'));
    if (!digest) throw new Error('the CSM got no digest');
    expect(textOf(digest.blocks)).toContain('*Submissions waiting for your review (1)*');
    expect(textOf(digest.blocks)).toContain('Helios Health: Kickoff questionnaire (submitted 25 h ago)');
    const before = digest.blocks?.length;

    h.forget();
    await h.press(digest, 'Acknowledge', { value: submissionId });

    const update = h.lastUpdated();
    expect(update).toMatchObject({ channel: digest.channel, ts: digest.ts });
    expect(update.blocks?.length).toBe(before);
    expect(textOf(update.blocks)).toContain('Your Thread digest');
    expect(textOf(update.blocks)).toContain('Acknowledged by <@UCSM0001>');
    expect(stringsIn(update.blocks)).not.toContain(submissionId);
    expect((await h.db.prisma.submission.findUniqueOrThrow({ where: { id: submissionId } })).reviewOutcome).toBe(
      'acknowledged',
    );
  });

  it('a CSM who takes cards as they come still gets the answer card in the channel', async () => {
    const { submissionId } = await answeredWhileOnDigest({ digest: false });
    expect(cardsFor(submissionId)).toHaveLength(1);
  });
});
