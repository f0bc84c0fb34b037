import type { BusinessCalendar } from '../../domain/business-days';
import { computeDueAt, triggerAnchor } from '../../domain/triggers';
import type { Tx } from '../context';

/**
 * What starting a milestone does beyond its status: the actions that count from the milestone start get their
 * due times (domain/triggers.ts), so the scheduler fires them. Returns the actions that were scheduled.
 */
export async function beginMilestone(
  tx: Tx,
  options: { milestoneId: string; startedAt: Date; calendar: BusinessCalendar; kickoffDate: Date },
): Promise<{ id: string; name: string; dueAt: Date }[]> {
  const actions = await tx.action.findMany({
    where: { milestoneId: options.milestoneId, status: 'pending', dueAt: null },
    orderBy: { position: 'asc' },
    select: { id: true, name: true, triggerKind: true, delayDays: true, afterActionKey: true },
  });
  const scheduled: { id: string; name: string; dueAt: Date }[] = [];
  for (const action of actions) {
    if (triggerAnchor(action.triggerKind, action.afterActionKey) !== 'milestone_start') continue;
    const dueAt = computeDueAt(
      { kind: action.triggerKind, delayDays: action.delayDays },
      {
        calendar: options.calendar,
        kickoffDate: options.kickoffDate,
        milestoneStartedAt: options.startedAt,
        afterActionKey: action.afterActionKey,
      },
    );
    if (!dueAt) continue;
    await tx.action.update({ where: { id: action.id }, data: { dueAt } });
    scheduled.push({ id: action.id, name: action.name, dueAt });
  }
  return scheduled;
}
