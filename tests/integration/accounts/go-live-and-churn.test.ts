/**
 * The end of an onboarding through the services: completing the last milestone takes the account live (go-live day
 * in the organisation's timezone, completion time, time to value, audited); an admin reopens it; its CSM or an admin
 * marks it churned with a reason. Arranged through the services only (setUpTeam, completeMilestone, updateSettings).
 */
import { getAccountOverview } from '../../../src/services/accounts/get-account-overview';
import { markAccountChurned } from '../../../src/services/accounts/mark-account-churned';
import { reopenAccount } from '../../../src/services/accounts/reopen-account';
import { completeMilestone } from '../../../src/services/milestones/complete-milestone';
import { updateSettings } from '../../../src/services/organizations/update-settings';
import { seedDemo } from '../../../src/services/seed/seed-demo';
import { refusal } from '../../support/refusal';
import { serviceContext, type TestServiceContext } from '../../support/service-context';
import { useTestDatabase } from '../../support/test-database';
import { setUpTeam, type Team } from '../people/team-fixture';

const t = useTestDatabase();

/** Friday 13 March 2026, 09:00 in Auckland, while it is still Thursday the 12th in UTC. */
const GO_LIVE_INSTANT = '2026-03-12T20:00:00Z';

async function team(): Promise<{ ctx: TestServiceContext; team: Team }> {
  const ctx = serviceContext(t.db, '2026-03-02T10:00:00Z');
  const made = await setUpTeam(ctx, { teamId: 'TGOLIVE', name: 'Golive', prefix: 'GL' });
  await updateSettings(ctx, {
    organizationId: made.organizationId,
    actor: { userId: made.admin.userId },
    settings: { timezone: 'Pacific/Auckland' },
  });
  return { ctx, team: made };
}

/** The CSM completes the plan's only milestone (its two actions still open, so with a reason). */
async function goLive(ctx: TestServiceContext, tm: Team) {
  const overview = await getAccountOverview(ctx, { organizationId: tm.organizationId, accountId: tm.accountId });
  ctx.setNow(GO_LIVE_INSTANT);
  return completeMilestone(ctx, {
    organizationId: tm.organizationId,
    milestoneId: overview.currentMilestone!.id,
    actor: { userId: tm.csm.userId },
    overrideReason: 'the customer is live; the form was answered on a call',
  });
}

const accountRow = (id: string) => t.db.prisma.account.findUniqueOrThrow({ where: { id } });
const accountAudit = (id: string) =>
  t.db.prisma.auditEvent.findMany({ where: { entityType: 'account', entityId: id }, orderBy: { at: 'asc' } });

describe('completing the last milestone', () => {
  it('completes the account with the go-live day in the organisation’s timezone, the completion time and the time to value, audited', async () => {
    const { ctx, team: tm } = await team();
    const done = await goLive(ctx, tm);

    expect(done.next).toBeNull();
    expect(done.wentLive).toEqual({ goLiveDate: new Date('2026-03-13T00:00:00Z'), timeToValueDays: 10 });
    const account = await accountRow(tm.accountId);
    expect(account.status).toBe('completed');
    expect(account.goLiveActualDate).toEqual(new Date('2026-03-13T00:00:00Z'));
    expect(account.completedAt).toEqual(new Date(GO_LIVE_INSTANT));
    const audit = (await accountAudit(tm.accountId)).at(-1);
    expect(audit).toMatchObject({
      actor: tm.csm.userId,
      fromState: 'active',
      toState: 'completed',
      data: { goLiveActualDate: '2026-03-13', timeToValueDays: 10 },
    });
    expect(audit!.reason).toContain('time to value 10 business days');

    const overview = await getAccountOverview(ctx, { organizationId: tm.organizationId, accountId: tm.accountId });
    expect(overview).toMatchObject({
      status: 'completed',
      live: { since: new Date('2026-03-13T00:00:00Z'), timeToValueDays: 10 },
      churn: null,
      currentMilestone: null,
      milestonesDone: 1,
    });
  });

  it('needs every milestone done: completing Kickoff of the five-milestone demo plan leaves the account active', async () => {
    const ctx = serviceContext(t.db, '2026-03-02T10:00:00Z');
    const seeded = await seedDemo(ctx, { csmSlackUserId: 'UDEMOCSM1' });
    const account = await t.db.prisma.account.findFirstOrThrow({ where: { name: 'Helios Health' } });
    const overview = await getAccountOverview(ctx, { organizationId: seeded.organizationId, accountId: account.id });
    const done = await completeMilestone(ctx, {
      organizationId: seeded.organizationId,
      milestoneId: overview.currentMilestone!.id,
      actor: { userId: account.csmId! },
      overrideReason: 'kickoff held on a call',
    });
    expect(done.next).not.toBeNull();
    expect(done.wentLive).toBeNull();
    expect(await accountRow(account.id)).toMatchObject({ status: 'active', goLiveActualDate: null, completedAt: null });
  });
});

describe('reopening an account', () => {
  it('an admin reopens a live account: active again, the last milestone in progress, go-live cleared, both audited with the reason', async () => {
    const { ctx, team: tm } = await team();
    const done = await goLive(ctx, tm);
    ctx.advance(3_600_000);

    const reopened = await reopenAccount(ctx, {
      organizationId: tm.organizationId,
      accountId: tm.accountId,
      actor: { userId: tm.admin.userId },
      reason: 'the SSO rollout was not finished after all',
    });

    expect(reopened).toEqual({
      accountId: tm.accountId,
      from: 'completed',
      status: 'active',
      reopenedMilestone: { id: done.milestoneId, name: 'Kickoff' },
    });
    const account = await accountRow(tm.accountId);
    expect(account).toMatchObject({ status: 'active', goLiveActualDate: null, completedAt: null, progressPct: 0 });
    const milestone = await t.db.prisma.milestone.findUniqueOrThrow({ where: { id: done.milestoneId } });
    expect(milestone).toMatchObject({ status: 'in_progress', completedAt: null, completionOverride: null });
    const audit = await accountAudit(tm.accountId);
    expect(audit.at(-1)).toMatchObject({
      actor: tm.admin.userId,
      fromState: 'completed',
      toState: 'active',
      reason: 'reopened: the SSO rollout was not finished after all',
      data: { goLiveActualDate: '2026-03-13' },
    });
    const milestoneAudit = await t.db.prisma.auditEvent.findFirst({
      where: { entityType: 'milestone', entityId: done.milestoneId, toState: 'in_progress', fromState: 'completed' },
    });
    expect(milestoneAudit).toMatchObject({ actor: tm.admin.userId });

    // Completing the reopened milestone goes live again, on the new day.
    ctx.setNow('2026-03-16T21:00:00Z'); // Tuesday 17 March in Auckland
    const again = await completeMilestone(ctx, {
      organizationId: tm.organizationId,
      milestoneId: done.milestoneId,
      actor: { userId: tm.csm.userId },
      overrideReason: 'finished now',
    });
    expect(again.wentLive).toEqual({ goLiveDate: new Date('2026-03-17T00:00:00Z'), timeToValueDays: 12 });
  });

  it('the reason is optional, and the command line reopens as an admin', async () => {
    const { ctx, team: tm } = await team();
    await goLive(ctx, tm);
    await reopenAccount(ctx, { organizationId: tm.organizationId, accountId: tm.accountId, actor: 'cli' });
    expect((await accountAudit(tm.accountId)).at(-1)).toMatchObject({ actor: 'cli', reason: 'reopened' });
  });

  it.each(['csm', 'otherCsm', 'ae', 'viewer'] as const)('is refused to the %s, naming who may', async (who) => {
    const { ctx, team: tm } = await team();
    await goLive(ctx, tm);
    const error = await refusal(
      reopenAccount(ctx, {
        organizationId: tm.organizationId,
        accountId: tm.accountId,
        actor: { userId: tm[who].userId },
      }),
    );
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/^only admins can reopen an account, and your role is /);
    expect((await accountRow(tm.accountId)).status).toBe('completed');
  });

  it('refuses a running account, and someone from another organisation', async () => {
    const { ctx, team: tm } = await team();
    const running = await refusal(
      reopenAccount(ctx, {
        organizationId: tm.organizationId,
        accountId: tm.accountId,
        actor: { userId: tm.admin.userId },
      }),
    );
    expect(running.code).toBe('illegal_transition');
    expect(running.message).toContain('Only a completed or churned account can be reopened.');

    const other = await setUpTeam(ctx, { teamId: 'TOTHER', name: 'Other', prefix: 'OT' });
    await goLive(ctx, tm);
    const stranger = await refusal(
      reopenAccount(ctx, {
        organizationId: tm.organizationId,
        accountId: tm.accountId,
        actor: { userId: other.admin.userId },
      }),
    );
    expect(stranger.code).toBe('forbidden');
    const elsewhere = await refusal(
      reopenAccount(ctx, {
        organizationId: other.organizationId,
        accountId: tm.accountId,
        actor: { userId: other.admin.userId },
      }),
    );
    expect(elsewhere.code).toBe('not_found');
  });
});

describe('marking an account churned', () => {
  it('its CSM marks it churned with a reason: status, reason and time kept, audited, shown in the overview', async () => {
    const { ctx, team: tm } = await team();
    const churned = await markAccountChurned(ctx, {
      organizationId: tm.organizationId,
      accountId: tm.accountId,
      actor: { userId: tm.csm.userId },
      reason: '  Budget frozen for the year.  ',
    });
    expect(churned).toEqual({
      accountId: tm.accountId,
      from: 'active',
      status: 'churned',
      reason: 'Budget frozen for the year.',
    });
    expect(await accountRow(tm.accountId)).toMatchObject({
      status: 'churned',
      churnReason: 'Budget frozen for the year.',
      churnedAt: ctx.now(),
    });
    expect((await accountAudit(tm.accountId)).at(-1)).toMatchObject({
      actor: tm.csm.userId,
      fromState: 'active',
      toState: 'churned',
      reason: 'churned: Budget frozen for the year.',
    });
    const overview = await getAccountOverview(ctx, { organizationId: tm.organizationId, accountId: tm.accountId });
    expect(overview.churn).toEqual({ reason: 'Budget frozen for the year.', at: ctx.now() });
    expect(overview.live).toBeNull();
  });

  it('an admin may mark any account churned, and reopen it: active again, the churn cleared', async () => {
    const { ctx, team: tm } = await team();
    await markAccountChurned(ctx, {
      organizationId: tm.organizationId,
      accountId: tm.otherAccountId,
      actor: { userId: tm.admin.userId },
      reason: 'acquired by a competitor',
    });
    const reopened = await reopenAccount(ctx, {
      organizationId: tm.organizationId,
      accountId: tm.otherAccountId,
      actor: { userId: tm.admin.userId },
    });
    expect(reopened).toMatchObject({ from: 'churned', status: 'active', reopenedMilestone: null });
    expect(await accountRow(tm.otherAccountId)).toMatchObject({ status: 'active', churnReason: null, churnedAt: null });
    const milestones = await t.db.prisma.milestone.findMany({ where: { accountId: tm.otherAccountId } });
    expect(milestones.map((m) => m.status)).toEqual(['in_progress']);
  });

  it.each(['', '   '])('needs a reason (%p is refused under the reason field)', async (reason) => {
    const { ctx, team: tm } = await team();
    const error = await refusal(
      markAccountChurned(ctx, {
        organizationId: tm.organizationId,
        accountId: tm.accountId,
        actor: { userId: tm.csm.userId },
        reason,
      }),
    );
    expect(error.code).toBe('validation_failed');
    expect(error.fields).toEqual([
      { field: 'reason', message: 'Say why the account churned; the reason is kept on the account.' },
    ]);
    expect((await accountRow(tm.accountId)).status).toBe('active');
  });

  it.each([
    ['viewer', 'your role (viewer) can read accounts but not change them'],
    ['ae', 'your role (account executive) can read accounts but not change them'],
    ['otherCsm', 'you are not the CSM of Golive customer'],
  ] as const)('is refused to the %s, saying why', async (who, why) => {
    const { ctx, team: tm } = await team();
    const error = await refusal(
      markAccountChurned(ctx, {
        organizationId: tm.organizationId,
        accountId: tm.accountId,
        actor: { userId: tm[who].userId },
        reason: 'they left',
      }),
    );
    expect(error.code).toBe('forbidden');
    expect(error.message).toBe(`only the account's CSM or an admin can mark it churned, and ${why}.`);
    expect((await accountRow(tm.accountId)).status).toBe('active');
  });

  it('a live account can churn later; a churned one cannot churn twice', async () => {
    const { ctx, team: tm } = await team();
    await goLive(ctx, tm);
    const args = {
      organizationId: tm.organizationId,
      accountId: tm.accountId,
      actor: { userId: tm.csm.userId },
      reason: 'did not renew',
    };
    expect((await markAccountChurned(ctx, args)).from).toBe('completed');
    const twice = await refusal(markAccountChurned(ctx, args));
    expect(twice.code).toBe('illegal_transition');
    expect(twice.message).toBe('An account that is churned cannot be marked churned (churned → churned).');
  });
});
