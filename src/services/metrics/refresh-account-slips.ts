/**
 * The slip ledgers of many accounts at once (the tick's daily refresh, scheduler/refresh-slip-ledgers.ts): the same
 * ledger refreshAccountSlip builds for one, in a handful of statements for the whole batch instead of ten per
 * account. Runs inside the caller's transaction.
 *
 * The accounts are locked first, in id order: a refresh of the same account elsewhere (a milestone change) waits
 * for this one or this one for it, so neither inserts dates the other has just replaced, and two batches that
 * share accounts take their locks in the same order and cannot deadlock. The records are read after the locks,
 * so what is written is what the record says now.
 */
import { Prisma } from '../../db/generated/client';
import { attributeSlip, summariseSlip } from '../../domain/slip-attribution';
import { waitingPeriodsFrom } from '../../domain/waiting-periods';
import type { Tx } from '../context';
import { loadAccountRecords } from './load-account-record';
import type { RefreshedSlip } from './refresh-account-slip';

export async function refreshAccountSlips(
  tx: Tx,
  o: { accountIds: readonly string[]; now: Date },
): Promise<RefreshedSlip[]> {
  if (o.accountIds.length === 0) return [];
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Account" WHERE id IN (${Prisma.join([...o.accountIds])}) ORDER BY id FOR NO KEY UPDATE`;
  const loaded = await loadAccountRecords(tx, { accountIds: locked.map((r) => r.id), events: false });
  if (loaded.length === 0) return [];
  const ledgers = loaded.map(({ account, calendar, record }) => ({
    account,
    days: attributeSlip({ milestones: record.milestones, periods: waitingPeriodsFrom(record), now: o.now, calendar }),
  }));
  const ids = ledgers.map((l) => l.account.id);
  await tx.$executeRaw`
    UPDATE "Account" a
    SET "daysBehind" = d.days, "slipRefreshedAt" = ${o.now}, "updatedAt" = ${o.now}
    FROM unnest(${ids}::text[], ${ledgers.map((l) => l.days.length)}::int[]) AS d(id, days)
    WHERE a.id = d.id`;
  await tx.slipDay.deleteMany({ where: { accountId: { in: ids } } });
  const rows = ledgers.flatMap(({ account, days }) =>
    days.map((d) => ({
      accountId: account.id,
      organizationId: account.organizationId,
      date: d.date,
      side: d.side,
      milestoneId: d.milestoneId,
      reason: d.reason,
      actionKey: d.actionKey,
      templateId: account.templateId,
    })),
  );
  if (rows.length > 0) await tx.slipDay.createMany({ data: rows });
  return ledgers.map(({ account, days }) => ({
    accountId: account.id,
    daysBehind: days.length,
    summary: summariseSlip(days),
  }));
}
