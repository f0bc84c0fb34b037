/**
 * The daily part of the slip ledger: an open account slips a day without anyone touching it, so once each local
 * day the tick rebuilds the ledger (metrics/refresh-account-slip.ts) of every running account not yet refreshed
 * since its organisation's local midnight. Milestone changes refresh their account at once; this catches the rest.
 * Worked in batches of accounts, each batch in one transaction and a few statements (metrics/refresh-account-slips.ts),
 * at most maxPerTick accounts a tick, so a long backlog spreads over ticks; a batch that fails is retried account by
 * account, so one bad record holds back only itself.
 */
import { RUNNING_ACCOUNT_STATUSES } from '../../domain/account-state';
import { localDateAt, localDateOf } from '../../domain/business-days';
import type { ServiceContext } from '../context';
import { refreshAccountSlip } from '../metrics/refresh-account-slip';
import { refreshAccountSlips } from '../metrics/refresh-account-slips';

export interface SlipLedgersResult {
  /** Accounts whose ledger was rebuilt. */
  refreshed: string[];
  batches: number;
  /** True when accounts are still due after this tick's share: the next tick continues. */
  more: boolean;
  /** Accounts whose refresh failed; tried again by the next tick. */
  failed: { accountId: string; message: string }[];
}

export interface SlipLedgersOptions {
  batchSize?: number;
  /** The most accounts one tick refreshes. */
  maxPerTick?: number;
}

export async function refreshSlipLedgers(
  ctx: ServiceContext,
  options: SlipLedgersOptions = {},
): Promise<SlipLedgersResult> {
  const batchSize = options.batchSize ?? 50;
  const maxPerTick = options.maxPerTick ?? 500;
  const now = ctx.now();
  const result: SlipLedgersResult = { refreshed: [], batches: 0, more: false, failed: [] };
  const organizations = await ctx.prisma.organization.findMany({
    select: { id: true, timezone: true },
    orderBy: { id: 'asc' },
  });
  const failedIds: string[] = [];
  for (const org of organizations) {
    const todayStarted = localDateAt(localDateOf(now, org.timezone), 0, org.timezone);
    for (;;) {
      const budget = maxPerTick - result.refreshed.length - result.failed.length;
      if (budget <= 0) {
        result.more ||= await dueExists(ctx, org.id, todayStarted, failedIds);
        break;
      }
      const due = await ctx.prisma.account.findMany({
        where: {
          organizationId: org.id,
          status: { in: [...RUNNING_ACCOUNT_STATUSES] },
          OR: [{ slipRefreshedAt: null }, { slipRefreshedAt: { lt: todayStarted } }],
          // A failure stays due for the next tick, but is not retried within this one.
          id: { notIn: failedIds },
        },
        orderBy: [{ slipRefreshedAt: { sort: 'asc', nulls: 'first' } }, { id: 'asc' }],
        take: Math.min(batchSize, budget),
        select: { id: true },
      });
      if (due.length === 0) break;
      result.batches += 1;
      const ids = due.map((d) => d.id);
      try {
        await ctx.prisma.$transaction((tx) => refreshAccountSlips(tx, { accountIds: ids, now }));
        result.refreshed.push(...ids);
      } catch (batchError) {
        // One account's record may be what fails the batch: account by account then, so the rest still refresh
        // and only the one that fails waits for the next tick.
        ctx.logger.warn({ err: batchError, accounts: ids.length }, 'a batch of slip ledgers failed; one by one now');
        for (const id of ids) {
          try {
            await ctx.prisma.$transaction((tx) => refreshAccountSlip(tx, { accountId: id, now }));
            result.refreshed.push(id);
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            ctx.logger.error({ err: error, accountId: id }, 'could not refresh the slip ledger');
            result.failed.push({ accountId: id, message });
            failedIds.push(id);
          }
        }
      }
    }
  }
  return result;
}

async function dueExists(ctx: ServiceContext, organizationId: string, todayStarted: Date, failedIds: string[]) {
  const count = await ctx.prisma.account.count({
    where: {
      organizationId,
      status: { in: [...RUNNING_ACCOUNT_STATUSES] },
      OR: [{ slipRefreshedAt: null }, { slipRefreshedAt: { lt: todayStarted } }],
      id: { notIn: failedIds },
    },
  });
  return count > 0;
}
