import { milestoneProgress } from '../../domain/milestone-progress';
import type { Tx } from '../context';
import { refreshNextActionAt } from '../plan/refresh-next-action-at';

/**
 * Keeps the account's sort columns in step after a milestone or action change: progress (domain/milestone-progress)
 * and the next action time (plan/refresh-next-action-at, its only writer). Runs inside the caller's transaction.
 */
export async function refreshAccountSchedule(tx: Tx, accountId: string): Promise<void> {
  const milestones = await tx.milestone.findMany({ where: { accountId }, select: { status: true } });
  await tx.account.update({
    where: { id: accountId },
    data: { progressPct: milestoneProgress(milestones).pct },
    select: { id: true },
  });
  await refreshNextActionAt(tx, [accountId]);
}
