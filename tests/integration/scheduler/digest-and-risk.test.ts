import { confirmRiskSuggestion } from '../../../src/services/accounts/confirm-risk-suggestion';
import { sendDailyDigests } from '../../../src/services/scheduler/send-daily-digests';
import { suggestAtRisk } from '../../../src/services/scheduler/suggest-at-risk';
import { useTestDatabase } from '../../support/test-database';
import { executeAction } from '../../../src/services/execution/execute-action';
import { blockMilestone } from '../../../src/services/milestones/block-milestone';
import { answerPortalForm, arrangeDeps, fireAction } from '../../support/plan-steps';
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

async function berlinAccount() {
  const ctx = serviceContext(t.db, '2026-11-23T08:00:00Z');
  // Digests go out at 09:00 local, the default.
  const org = await setupOrganization(ctx, { timezone: 'Europe/Berlin' });
  await addTemplate(
    ctx,
    org.id,
    oneMilestoneTemplate('Plan', [
      spec('old', 'email', { kind: 'kickoff_offset', delayDays: 0 }),
      spec('today', 'email', { kind: 'kickoff_offset', delayDays: 7 }),
      spec('form', 'portal_form', { kind: 'kickoff_offset', delayDays: 0 }, { formFields: ONE_QUESTION }),
    ]),
  );
  const created = await addAccount(ctx, org.id, 'Acme', 'Plan', { csmSlackUserId: CSM_SLACK_ID });
  const csm = await asCsm(ctx, org.id);
  const account = await t.db.prisma.account.findUniqueOrThrow({
    where: { id: created.id },
    include: { milestones: true },
  });
  const byKey = Object.fromEntries(
    (await t.db.prisma.action.findMany({ where: { accountId: account.id } })).map((a) => [a.key, a]),
  );
  // The kickoff, Monday 23 November at 09:00 in Berlin: the scheduler fires the old email and the form, drafted.
  await fireAction(ctx, byKey.old!.id);
  return { ctx, org, account, byKey, csm, deps: arrangeDeps(ctx) };
}

describe('daily digest', () => {
  it('sends each CSM one DM at the digest hour in the organisation timezone, once per day, with every section', async () => {
    const { ctx, account, byKey, csm, deps } = await berlinAccount();
    // Overdue draft (the old email, left waiting), a draft due today (Wednesday 2 December, 09:00 Berlin), a blocked
    // milestone, a submission waiting: the CSM sends the form at once, blocks Kickoff a week later, and the customer
    // answers the form the evening before the digest.
    await executeAction(ctx, deps, { ...csm, actionId: byKey.form!.id });
    ctx.setNow('2026-11-30T10:00:00Z');
    await blockMilestone(ctx, {
      ...csm,
      milestoneId: account.milestones[0]!.id,
      note: 'waiting for SSO metadata',
      cause: 'customer',
    });
    ctx.setNow('2026-12-01T20:00:00Z');
    await answerPortalForm(ctx, deps, { actionId: byKey.form!.id, values: {} });
    const notifier = new RecordingNotifier();

    ctx.setNow('2026-12-02T07:59:00Z'); // 08:59 in Berlin
    expect((await sendDailyDigests(ctx, { notifier })).sent).toEqual([]);
    ctx.setNow('2026-12-02T08:00:00Z'); // 09:00 in Berlin
    expect((await sendDailyDigests(ctx, { notifier })).sent).toEqual([{ userId: account.csmId, date: '2026-12-02' }]);
    ctx.setNow('2026-12-02T15:00:00Z');
    expect((await sendDailyDigests(ctx, { notifier })).sent).toEqual([]);

    // The service hands over the facts; the Slack side renders them (tests/integration/slack/digest-and-review-clock.test.ts).
    expect(notifier.log).toEqual([
      {
        method: 'sendDigest',
        args: [
          account.csmId,
          {
            recipientName: expect.any(String),
            date: '2026-12-02',
            content: {
              // Ready with no card in a channel (nothing posted it): listed so it is not missed.
              draftsToReview: ['Acme: Action old'],
              dueToday: ['Acme: Action today'],
              overdue: ['Acme: Action old (due 9 d ago)'],
              blocked: ['Acme: Kickoff (waiting for SSO metadata)'],
              atRisk: [],
              waitingReviews: [{ submissionId: expect.any(String), text: 'Acme: Action form (submitted 12 h ago)' }],
            },
          },
        ],
      },
    ]);

    ctx.setNow('2026-12-03T08:30:00Z'); // the next day
    expect((await sendDailyDigests(ctx, { notifier })).sent).toHaveLength(1);
  });

  it('lets a later tick retry a digest whose DM failed', async () => {
    const { ctx } = await berlinAccount();
    ctx.setNow('2026-12-02T08:00:00Z');
    const notifier = new RecordingNotifier();
    notifier.failWith('sendDigest', new Error('Slack is down'));
    expect((await sendDailyDigests(ctx, { notifier })).failed).toEqual([
      { userId: expect.any(String), message: 'Slack is down' },
    ]);
    notifier.failWith('sendDigest', undefined);
    expect((await sendDailyDigests(ctx, { notifier })).sent).toHaveLength(1);
    expect(notifier.methods()).toEqual(['sendDigest']);
  });
});

describe('at-risk suggestions', () => {
  it('suggests with reasons (blocked > 5 days, overdue > 7 days, no portal engagement 14 days) without changing the status', async () => {
    const { ctx, account, byKey, csm, deps } = await berlinAccount();
    // The old email's draft is left waiting; the form goes out at 10:00 and is never opened; Kickoff is blocked a week
    // later.
    ctx.setNow('2026-11-23T10:00:00Z');
    await executeAction(ctx, deps, { ...csm, actionId: byKey.form!.id });
    ctx.setNow('2026-11-30T08:00:00Z');
    await blockMilestone(ctx, { ...csm, milestoneId: account.milestones[0]!.id, note: 'waiting', cause: 'us' });
    const notifier = new RecordingNotifier();

    ctx.setNow('2026-12-05T08:00:00Z'); // blocked 5 days exactly, overdue 12 days, request sent 12 days ago
    let result = await suggestAtRisk(ctx, { notifier });
    expect(result.suggested).toEqual([account.id]);
    let stored = await t.db.prisma.account.findUniqueOrThrow({ where: { id: account.id } });
    expect(stored.status).toBe('active');
    expect((stored.riskSuggestion as { reasons: { code: string }[] }).reasons.map((r) => r.code)).toEqual([
      'actions_overdue',
    ]);

    ctx.setNow('2026-12-08T09:00:00Z');
    result = await suggestAtRisk(ctx, { notifier });
    expect(result.suggested).toEqual([account.id]);
    stored = await t.db.prisma.account.findUniqueOrThrow({ where: { id: account.id } });
    expect((stored.riskSuggestion as { reasons: { code: string; message: string }[] }).reasons).toEqual([
      { code: 'milestone_blocked', message: 'Kickoff has been blocked for 8 days' },
      { code: 'actions_overdue', message: 'Action old is 15 days overdue' },
      {
        code: 'no_portal_engagement',
        message: 'the customer has not opened the portal in the 14 days since the first request',
      },
    ]);
    expect(stored.status).toBe('active');
    expect(notifier.calls('accountChanged')).toHaveLength(2);
    expect((await suggestAtRisk(ctx, { notifier })).suggested).toEqual([]); // same reasons: no churn

    await confirmRiskSuggestion(ctx, { organizationId: account.organizationId, accountId: account.id, actor: 'cli' });
    stored = await t.db.prisma.account.findUniqueOrThrow({ where: { id: account.id } });
    expect(stored.status).toBe('at_risk');
    expect(stored.riskSuggestion).toBeNull();
    await expect(
      confirmRiskSuggestion(ctx, { organizationId: account.organizationId, accountId: account.id, actor: 'cli' }),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({
      where: { accountId: account.id, toState: 'at_risk' },
    });
    expect(audit).toMatchObject({ fromState: 'active', actor: 'cli', reason: 'at-risk suggestion confirmed' });
  });
});
