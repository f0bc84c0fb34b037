/**
 * The slip ledger of one account, rebuilt from its record: which business dates it ran behind its plan and whose
 * each was (domain/slip-attribution.ts), as SlipDay rows replaced as a whole, with Account.daysBehind and
 * slipRefreshedAt. Runs inside the caller's transaction: a milestone change (start, complete, block, unblock), a
 * reopen, or the tick's daily refresh (scheduler/refresh-slip-ledgers.ts).
 */
import type { SlipSummary } from '../../domain/onboarding-clock-types';
import { attributeSlip, summariseSlip } from '../../domain/slip-attribution';
import { waitingPeriodsFrom } from '../../domain/waiting-periods';
import type { Tx } from '../context';
import { loadAccountRecord } from './load-account-record';

export interface RefreshedSlip {
  accountId: string;
  daysBehind: number;
  summary: SlipSummary;
}

export async function refreshAccountSlip(tx: Tx, o: { accountId: string; now: Date }): Promise<RefreshedSlip> {
  const { account, calendar, record } = await loadAccountRecord(tx, { accountId: o.accountId, events: false });
  const days = attributeSlip({
    milestones: record.milestones,
    periods: waitingPeriodsFrom(record),
    now: o.now,
    calendar,
  });
  // The account row first: its lock makes two refreshes of one account take turns, so the second never inserts
  // dates the first has just written.
  await tx.account.update({
    where: { id: account.id },
    data: { daysBehind: days.length, slipRefreshedAt: o.now },
    select: { id: true },
  });
  await tx.slipDay.deleteMany({ where: { accountId: account.id } });
  if (days.length > 0) {
    await tx.slipDay.createMany({
      data: days.map((d) => ({
        accountId: account.id,
        organizationId: account.organizationId,
        date: d.date,
        side: d.side,
        milestoneId: d.milestoneId,
        reason: d.reason,
        actionKey: d.actionKey,
        templateId: account.templateId,
      })),
    });
  }
  return { accountId: account.id, daysBehind: days.length, summary: summariseSlip(days) };
}
