/**
 * The slip ledger (SlipDay, Account.daysBehind, slipRefreshedAt) follows the record: refreshed by blocking,
 * unblocking and completing milestones, by going live and reopening, and once a day by the scheduler tick for
 * accounts nobody touched. The scenario and its hand-worked numbers are in clock-fixture.ts.
 */
import { reopenAccount } from '../../../src/services/accounts/reopen-account';
import { blockMilestone } from '../../../src/services/milestones/block-milestone';
import { completeMilestone } from '../../../src/services/milestones/complete-milestone';
import { unblockMilestone } from '../../../src/services/milestones/unblock-milestone';
import { refreshProfile } from '../../../src/services/people/refresh-profile';
import { refreshSlipLedgers } from '../../../src/services/scheduler/refresh-slip-ledgers';
import { runTick } from '../../../src/services/scheduler/run-tick';
import { seedDemo } from '../../../src/services/seed/seed-demo';
import { describeTick } from '../../../src/cli/commands/tick';
import { RecordingNotifier } from '../../support/recording-notifier';
import { refusal } from '../../support/refusal';
import { serviceContext, type TestServiceContext } from '../../support/service-context';
import { useTestDatabase } from '../../support/test-database';
import { buildClockAccount, THURSDAY_10, type ClockAccount } from './clock-fixture';

const t = useTestDatabase();
const CSM_SLACK_ID = 'UCLOCK001';
let ctx: TestServiceContext;
let organizationId: string;
let asCsm: { organizationId: string; actor: { userId: string } };
let acme: ClockAccount;

beforeEach(async () => {
  ctx = serviceContext(t.db, '2026-11-24T10:00:00Z');
  ({ organizationId } = await seedDemo(ctx, { csmSlackUserId: CSM_SLACK_ID }));
  const csm = await refreshProfile(ctx, {
    organizationId,
    slackUserId: CSM_SLACK_ID,
    profile: { name: 'Priya Shah', email: 'priya.shah@demo.example' },
  });
  asCsm = { organizationId, actor: { userId: csm!.userId } };
  acme = await buildClockAccount(ctx, { organizationId, csm: asCsm.actor, csmSlackUserId: CSM_SLACK_ID });
});

/** The ledger as analytics read it: one row per date, and the account's columns. */
async function ledger() {
  const [days, account] = await Promise.all([
    ctx.prisma.slipDay.findMany({ where: { accountId: acme.accountId }, orderBy: { date: 'asc' } }),
    ctx.prisma.account.findUniqueOrThrow({ where: { id: acme.accountId } }),
  ]);
  return {
    days: days.map(
      (d) => `${d.date.toISOString().slice(0, 10)} ${d.side} ${d.reason}${d.actionKey ? ` ${d.actionKey}` : ''}`,
    ),
    daysBehind: account.daysBehind,
    refreshedAt: account.slipRefreshedAt?.toISOString() ?? null,
  };
}

const at = (iso: string) => ctx.setNow(iso);

describe('the slip ledger after milestone changes', () => {
  it('a block without a cause is refused, and nothing changes', async () => {
    at(THURSDAY_10);
    const error = await refusal(
      // @ts-expect-error: a caller that names no cause, as a stale client or a script might
      blockMilestone(ctx, { ...asCsm, milestoneId: acme.setupId, note: 'Waiting' }),
    );
    expect(error.code).toBe('validation_failed');
    expect(error.fields).toEqual([
      { field: 'cause', message: 'say whose move the block is: the customer, us or a third party' },
    ]);
    expect((await ctx.prisma.milestone.findUniqueOrThrow({ where: { id: acme.setupId } })).status).toBe('in_progress');
    expect(await ctx.prisma.milestoneBlock.count()).toBe(0);
  });

  it('block, unblock and complete each rebuild it, attributing days to the block’s cause, the oldest open item, or us', async () => {
    at(THURSDAY_10);
    await blockMilestone(ctx, {
      ...asCsm,
      milestoneId: acme.setupId,
      note: 'Our SSO connector is broken',
      cause: 'us',
    });
    // Wed 25: only the SSO form was open → the customer's; Thu 26: the block overlaps it → ours.
    expect(await ledger()).toEqual({
      days: ['2026-11-25 customer waiting sso-form', '2026-11-26 us block'],
      daysBehind: 2,
      refreshedAt: '2026-11-26T10:00:00.000Z',
    });
    const block = await ctx.prisma.milestoneBlock.findFirstOrThrow({ where: { milestoneId: acme.setupId } });
    expect(block).toMatchObject({ cause: 'us', endedAt: null, startedBy: asCsm.actor.userId });

    // Monday 30 at 10:00 it is unblocked: Fri 27 and Mon 30 were blocked (ours); the block's history row ends.
    at('2026-11-30T10:00:00Z');
    await unblockMilestone(ctx, { ...asCsm, milestoneId: acme.setupId, reason: 'Fixed' });
    expect(await ledger()).toEqual({
      days: [
        '2026-11-25 customer waiting sso-form',
        '2026-11-26 us block',
        '2026-11-27 us block',
        '2026-11-30 us block',
      ],
      daysBehind: 4,
      refreshedAt: '2026-11-30T10:00:00.000Z',
    });
    expect(
      (await ctx.prisma.milestoneBlock.findFirstOrThrow({ where: { milestoneId: acme.setupId } })).endedAt,
    ).toEqual(new Date('2026-11-30T10:00:00Z'));
    expect((await ctx.prisma.milestone.findUniqueOrThrow({ where: { id: acme.setupId } })).blockCause).toBeNull();

    // Tuesday 1 December the CSM completes Setup over the open form: Tue 1 is the form's (the customer's) again.
    // Setup ran Mon 23 → Tue 1: 7 business dates. Go-Live starts, planned for Tuesday alone.
    at('2026-12-01T16:00:00Z');
    await completeMilestone(ctx, { ...asCsm, milestoneId: acme.setupId, overrideReason: 'Moving on without it' });
    const after = await ledger();
    expect(after.days).toEqual([
      '2026-11-25 customer waiting sso-form',
      '2026-11-26 us block',
      '2026-11-27 us block',
      '2026-11-30 us block',
      '2026-12-01 customer waiting sso-form',
    ]);
    expect(after.daysBehind).toBe(5);
    expect((await ctx.prisma.milestone.findUniqueOrThrow({ where: { id: acme.setupId } })).actualDays).toBe(7);
  });

  it('records time to value at go-live and clears it on reopen, the ledger rebuilt both times', async () => {
    at('2026-11-24T12:00:00Z');
    await completeMilestone(ctx, { ...asCsm, milestoneId: acme.setupId, overrideReason: 'Form not needed' });
    // Go-Live started Tuesday, planned for Tuesday alone; completed Wednesday: one day late, nothing open → ours.
    at('2026-11-25T11:00:00Z');
    const done = await completeMilestone(ctx, { ...asCsm, milestoneId: acme.goLiveId, overrideReason: 'Live' });
    expect(done.wentLive).toMatchObject({ timeToValueDays: 3 });
    let account = await ctx.prisma.account.findUniqueOrThrow({ where: { id: acme.accountId } });
    expect(account).toMatchObject({ status: 'completed', timeToValueDays: 3 });
    expect((await ledger()).days).toEqual(['2026-11-25 us nothing_open']);

    at('2026-11-27T09:00:00Z');
    // The operator reopens it (`thread` CLI): only admins may.
    await reopenAccount(ctx, { organizationId, accountId: acme.accountId, actor: 'cli' });
    account = await ctx.prisma.account.findUniqueOrThrow({ where: { id: acme.accountId } });
    expect(account).toMatchObject({ status: 'active', timeToValueDays: null, goLiveActualDate: null });
    // Go-Live is open again: Wed 25, Thu 26 and Fri 27 (today) are past its one planned day.
    expect(await ledger()).toMatchObject({ daysBehind: 3, refreshedAt: '2026-11-27T09:00:00.000Z' });
  });
});

describe('the scheduler tick', () => {
  it('rebuilds, once a local day, the ledger of every running account not refreshed since midnight', async () => {
    const tick = () => runTick(ctx, { notifier: new RecordingNotifier(), canNotify: false });
    // Tuesday: the demo accounts and Acme have never been refreshed; one tick does them all.
    const first = await tick();
    const running = await ctx.prisma.account.count({ where: { status: { in: ['active', 'at_risk'] } } });
    expect(first.slipLedgers).toMatchObject({ more: false, failed: [] });
    expect(first.slipLedgers!.refreshed).toHaveLength(running);
    expect(first.slipLedgers!.refreshed).toContain(acme.accountId);
    expect(describeTick(first)).toContain(`Slip ledgers: ${running} accounts refreshed.`);
    expect((await ledger()).daysBehind).toBe(0);

    // Later the same day: nothing is due again.
    at('2026-11-24T18:00:00Z');
    expect((await tick()).slipLedgers!.refreshed).toEqual([]);

    // Nobody touches Acme until Thursday: the tick finds it two days behind, the SSO form's (the customer's).
    at('2026-11-26T00:30:00Z');
    expect((await tick()).slipLedgers!.refreshed).toContain(acme.accountId);
    expect(await ledger()).toEqual({
      days: ['2026-11-25 customer waiting sso-form', '2026-11-26 customer waiting sso-form'],
      daysBehind: 2,
      refreshedAt: '2026-11-26T00:30:00.000Z',
    });
  });

  it('works through a backlog in batches, leaving the rest for the next tick', async () => {
    const running = await ctx.prisma.account.count({ where: { status: { in: ['active', 'at_risk'] } } });
    const first = await refreshSlipLedgers(ctx, { batchSize: 2, maxPerTick: 3 });
    expect(first).toMatchObject({ batches: 2, more: running > 3, failed: [] });
    expect(first.refreshed).toHaveLength(3);
    const second = await refreshSlipLedgers(ctx, { batchSize: 2, maxPerTick: 3 });
    expect(second.refreshed).toHaveLength(running - 3);
    expect(second.refreshed.filter((id) => first.refreshed.includes(id))).toEqual([]);
    expect(second.more).toBe(false);
  });
});
