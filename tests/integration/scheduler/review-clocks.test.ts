import type { Mailer } from '../../../src/services/execution/ports';
import { remindUnansweredPortalRequests } from '../../../src/services/scheduler/remind-unanswered-portal-requests';
import { remindUnreviewedSubmissions } from '../../../src/services/scheduler/remind-unreviewed-submissions';
import { useTestDatabase } from '../../support/test-database';
import { addPerson } from '../../../src/services/people/add-person';
import { acknowledgeSubmission } from '../../../src/services/portal/acknowledge-submission';
import { answerPortalForm, arrangeDeps, publishAction } from '../../support/plan-steps';
import {
  addAccount,
  addTemplate,
  asCsm,
  CSM_SLACK_ID,
  ONE_QUESTION,
  oneMilestoneTemplate,
  setupOrganization,
  spec,
} from './scheduler-fixtures';
import { RecordingNotifier } from '../../support/recording-notifier';
import { serviceContext } from '../../support/service-context';

const t = useTestDatabase();

/**
 * Acme's portal form, published by its CSM on Monday 23 November at 10:00 (the scheduler fired it at the kickoff),
 * with an admin besides the CSM.
 */
async function accountWithPortalRequest(settings: Parameters<typeof setupOrganization>[1] = {}) {
  const ctx = serviceContext(t.db, '2026-11-23T10:00:00Z');
  const org = await setupOrganization(ctx, settings);
  await addTemplate(
    ctx,
    org.id,
    oneMilestoneTemplate('Plan', [
      spec('form', 'portal_form', { kind: 'kickoff_offset', delayDays: 0 }, { formFields: ONE_QUESTION }),
    ]),
  );
  const created = await addAccount(ctx, org.id, 'Acme', 'Plan', { csmSlackUserId: CSM_SLACK_ID });
  const csm = await asCsm(ctx, org.id);
  const admin = await addPerson(ctx, {
    organizationId: org.id,
    actor: 'cli',
    slackUserId: 'UADMIN01',
    role: 'admin',
    name: 'Ada Admin',
  });
  const account = await t.db.prisma.account.findUniqueOrThrow({
    where: { id: created.id },
    include: { contacts: true },
  });
  const action = await t.db.prisma.action.findFirstOrThrow({ where: { accountId: account.id } });
  const deps = arrangeDeps(ctx);
  await publishAction(ctx, deps, { ...csm, actionId: action.id });
  return { ctx, org, account, action, admin, csm, deps };
}

describe('submission review clock', () => {
  it('reminds the CSM channel at 75% of the SLA, escalates to the CSM and admins at 100%, each once', async () => {
    const { ctx, account, action, admin, deps } = await accountWithPortalRequest({ reviewSlaHours: 24 });
    // Jane answers at once, on Monday at 10:00.
    const submission = await t.db.prisma.submission.findUniqueOrThrow({
      where: { id: await answerPortalForm(ctx, deps, { actionId: action.id, values: {} }) },
    });
    const notifier = new RecordingNotifier();

    ctx.setNow('2026-11-24T03:59:00Z'); // 17 h 59: not yet 75%
    expect(await remindUnreviewedSubmissions(ctx, { notifier })).toEqual({
      reminded: [],
      held: [],
      escalated: [],
      failed: [],
    });
    ctx.setNow('2026-11-24T04:00:00Z'); // 18 h = 75%
    expect(await remindUnreviewedSubmissions(ctx, { notifier })).toEqual({
      reminded: [submission.id],
      held: [],
      escalated: [],
      failed: [],
    });
    expect(await remindUnreviewedSubmissions(ctx, { notifier })).toEqual({
      reminded: [],
      held: [],
      escalated: [],
      failed: [],
    });
    expect(notifier.log).toEqual([
      {
        method: 'submissionReviewReminder',
        args: [
          account.id,
          {
            submissionId: submission.id,
            accountId: account.id,
            accountName: 'Acme',
            actionName: 'Action form',
            contactName: 'Jane Doe',
            submittedAt: submission.createdAt,
            hoursAgo: 18,
            slaHours: 24,
            hoursLeft: 6,
          },
        ],
      },
    ]);

    ctx.setNow('2026-11-24T10:00:00Z'); // 24 h
    expect(await remindUnreviewedSubmissions(ctx, { notifier })).toEqual({
      reminded: [],
      held: [],
      escalated: [submission.id],
      failed: [],
    });
    expect(await remindUnreviewedSubmissions(ctx, { notifier })).toEqual({
      reminded: [],
      held: [],
      escalated: [],
      failed: [],
    });
    const escalations = notifier.calls('submissionReviewEscalation');
    expect(escalations.map(([userId]) => userId).sort()).toEqual([account.csmId, admin.userId].sort());
    expect(escalations[0]![1]).toMatchObject({
      submissionId: submission.id,
      hoursAgo: 24,
      slaHours: 24,
      hoursLeft: 0,
    });
    const stored = await t.db.prisma.submission.findUniqueOrThrow({ where: { id: submission.id } });
    expect(stored.remindedAt?.toISOString()).toBe('2026-11-24T04:00:00.000Z');
    expect(stored.escalatedAt?.toISOString()).toBe('2026-11-24T10:00:00.000Z');
    expect(await t.db.prisma.auditEvent.count({ where: { entityType: 'submission', entityId: submission.id } })).toBe(
      2,
    );
  });

  it('stops the clock when the submission is reviewed', async () => {
    const { ctx, action, csm, deps } = await accountWithPortalRequest();
    // Answered on Monday at 10:00, acknowledged by the CSM at 12:00.
    const submissionId = await answerPortalForm(ctx, deps, { actionId: action.id, values: {} });
    ctx.setNow('2026-11-23T12:00:00Z');
    await acknowledgeSubmission(ctx, { ...csm, submissionId });
    const notifier = new RecordingNotifier();
    ctx.setNow('2026-11-26T10:00:00Z');
    expect(await remindUnreviewedSubmissions(ctx, { notifier })).toEqual({
      reminded: [],
      held: [],
      escalated: [],
      failed: [],
    });
    expect(notifier.log).toEqual([]);
  });
});

describe('portal request reminders', () => {
  function fakeMailer(fail = false) {
    const sent: { to: string; subject: string; text: string; messageId: string }[] = [];
    const mailer: Mailer = {
      messageIdFor: (key) => `<${key}@thread.test>`,
      send: async (email) => {
        if (fail) throw new Error('SMTP said 451');
        sent.push({ to: email.to.email, subject: email.subject, text: email.text, messageId: email.messageId });
        return { messageId: email.messageId, accepted: [email.to.email] };
      },
    };
    return { mailer, sent };
  }

  it('emails the contact after N business days unanswered, at most twice, spaced, and logs each on the account', async () => {
    const { ctx, account, action } = await accountWithPortalRequest({ reminderSpacingDays: 3 });
    // Sent Monday 10:00; 3 business days later is Thursday 10:00.
    const { mailer, sent } = fakeMailer();
    const portalLinks = { create: async () => ({ url: 'https://thread.test/portal/abc' }) };

    ctx.setNow('2026-11-26T09:59:00Z');
    expect((await remindUnansweredPortalRequests(ctx, { mailer, portalLinks })).sent).toEqual([]);
    ctx.setNow('2026-11-26T10:00:00Z');
    expect((await remindUnansweredPortalRequests(ctx, { mailer, portalLinks })).sent).toEqual([
      { actionId: action.id, to: account.contacts[0]!.email, reminder: 1 },
    ]);
    expect((await remindUnansweredPortalRequests(ctx, { mailer, portalLinks })).sent).toEqual([]);
    expect(sent[0]).toMatchObject({
      subject: 'Reminder: Action form for Acme',
      messageId: `<portal-reminder:${action.id}:1@thread.test>`,
    });
    expect(sent[0]!.text).toMatch(/^Hi Jane,\n\nA quick, friendly reminder/);
    expect(sent[0]!.text).toContain('https://thread.test/portal/abc');

    ctx.setNow('2026-12-01T09:00:00Z'); // Tuesday: Thursday + 3 business days is Tuesday 10:00
    expect((await remindUnansweredPortalRequests(ctx, { mailer, portalLinks })).sent).toEqual([]);
    ctx.setNow('2026-12-01T10:00:00Z');
    expect((await remindUnansweredPortalRequests(ctx, { mailer, portalLinks })).sent).toHaveLength(1);
    ctx.setNow('2026-12-30T10:00:00Z');
    expect((await remindUnansweredPortalRequests(ctx, { mailer, portalLinks })).sent).toEqual([]);
    expect(sent).toHaveLength(2);
    const log = await t.db.prisma.auditEvent.findMany({
      where: { accountId: account.id, entityId: action.id, reason: { startsWith: 'portal request reminder' } },
      orderBy: { at: 'asc' },
    });
    expect(log.map((e) => e.reason)).toEqual([
      `portal request reminder 1 of 2 emailed to ${account.contacts[0]!.email}`,
      `portal request reminder 2 of 2 emailed to ${account.contacts[0]!.email}`,
    ]);
    expect((await t.db.prisma.action.findUniqueOrThrow({ where: { id: action.id } })).reminderCount).toBe(2);
  });

  it('gives the reminder back when the send fails, so a later tick retries it', async () => {
    const { ctx, action } = await accountWithPortalRequest({ reminderSpacingDays: 1 });
    ctx.setNow('2026-11-25T10:00:00Z');
    const result = await remindUnansweredPortalRequests(ctx, { mailer: fakeMailer(true).mailer });
    expect(result.failed).toEqual([{ actionId: action.id, message: 'SMTP said 451' }]);
    expect((await t.db.prisma.action.findUniqueOrThrow({ where: { id: action.id } })).reminderCount).toBe(0);
    const { mailer, sent } = fakeMailer();
    expect((await remindUnansweredPortalRequests(ctx, { mailer })).sent).toHaveLength(1);
    expect(sent[0]!.text).toContain('through the link in our earlier email');
  });
});
