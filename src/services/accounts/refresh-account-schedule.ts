import type { Tx } from '../context';

const OPEN = ['pending', 'ready', 'review_pending', 'executing'] as const;

/**
 * Keeps the account's sort columns in step after a milestone or action change: progress (share of milestones
 * completed) and the earliest due time among open actions. Runs inside the caller's transaction.
 */
export async function refreshAccountSchedule(tx: Tx, accountId: string): Promise<void> {
  const milestones = await tx.milestone.findMany({ where: { accountId }, select: { status: true } });
  const done = milestones.filter((m) => m.status === 'completed').length;
  const next = await tx.action.findFirst({
    where: { accountId, status: { in: [...OPEN] }, dueAt: { not: null } },
    orderBy: { dueAt: 'asc' },
    select: { dueAt: true },
  });
  await tx.account.update({
    where: { id: accountId },
    data: {
      progressPct: milestones.length === 0 ? 0 : Math.round((done / milestones.length) * 100),
      nextActionAt: next?.dueAt ?? null,
    },
  });
}
