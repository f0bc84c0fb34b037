import { formatCalendarDate } from '../../domain/calendar-date';
import { plannedGoLive, type MilestoneDates, type ProjectedMilestone } from '../../domain/plan-projection';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Actor, Tx } from '../context';

function span(start: Date, end: Date): string {
  return `${formatCalendarDate(start)} → ${formatCalendarDate(end)}`;
}

/**
 * Writes new planned dates (domain/plan-projection.ts decides them) with one audit row per milestone, and moves
 * the account's planned go-live with its last milestone, so the portal, the timeline and the drafts all read the
 * same plan. Inside the caller's transaction.
 */
export async function writeMilestoneDates(
  tx: Tx,
  o: {
    organizationId: string;
    accountId: string;
    milestones: readonly ProjectedMilestone[];
    changes: readonly MilestoneDates[];
    goLiveDate: Date | null;
    actor: Actor;
    reason: string;
    at: Date;
  },
): Promise<void> {
  for (const change of o.changes) {
    const before = o.milestones.find((m) => m.id === change.id);
    if (!before) continue;
    await tx.milestone.update({
      where: { id: change.id },
      data: { plannedStartDate: change.plannedStartDate, plannedEndDate: change.plannedEndDate },
    });
    await recordAuditEvent(tx, {
      organizationId: o.organizationId,
      accountId: o.accountId,
      entityType: 'milestone',
      entityId: change.id,
      actor: o.actor,
      from: span(before.plannedStartDate, before.plannedEndDate),
      to: span(change.plannedStartDate, change.plannedEndDate),
      reason: o.reason,
      data: { planned: true },
      at: o.at,
    });
  }
  const goLive = plannedGoLive(o.milestones, o.changes);
  if (goLive && (!o.goLiveDate || goLive.getTime() !== o.goLiveDate.getTime())) {
    await tx.account.update({ where: { id: o.accountId }, data: { goLiveDate: goLive } });
    await recordAuditEvent(tx, {
      organizationId: o.organizationId,
      accountId: o.accountId,
      entityType: 'account',
      entityId: o.accountId,
      actor: o.actor,
      from: o.goLiveDate ? formatCalendarDate(o.goLiveDate) : null,
      to: formatCalendarDate(goLive),
      reason: `planned go-live moved: ${o.reason}`,
      data: { setting: 'goLiveDate' },
      at: o.at,
    });
  }
}
