/**
 * When something an action waits on happens, the waiting actions get their due times (domain/triggers.ts) and
 * the scheduler fires them on a later tick. Called inside the caller's transaction by the services that make
 * those things happen: executing or completing an action, a customer submission, a milestone starting.
 *
 * Only actions with no due time yet are touched, so the first event wins (an action waiting on "executed or
 * completed" counts from the execution, and the later completion changes nothing) and calling it twice is safe.
 */
import { businessCalendar } from '../../domain/business-days';
import { computeDueAt, triggerAnchor, type TriggerAnchor } from '../../domain/triggers';
import type { Tx } from '../context';
import { refreshNextActionAt } from './refresh-next-action-at';

export type TriggerEvent =
  | { kind: 'action_done'; accountId: string; actionKey: string; at: Date }
  | { kind: 'submission'; accountId: string; actionKey: string; at: Date }
  | { kind: 'milestone_started'; accountId: string; milestoneId: string; at: Date };

export interface ScheduledAction {
  id: string;
  key: string;
  dueAt: Date;
}

const ANCHOR: Record<TriggerEvent['kind'], TriggerAnchor> = {
  action_done: 'action_done',
  submission: 'submission',
  milestone_started: 'milestone_start',
};

export async function propagateTriggers(tx: Tx, event: TriggerEvent): Promise<ScheduledAction[]> {
  const account = await tx.account.findUnique({
    where: { id: event.accountId },
    select: { kickoffDate: true, organization: { select: { timezone: true, workingDays: true } } },
  });
  if (!account) return [];

  const waiting = await tx.action.findMany({
    where: {
      accountId: event.accountId,
      status: 'pending',
      dueAt: null,
      ...(event.kind === 'milestone_started'
        ? { milestoneId: event.milestoneId, triggerKind: { in: ['milestone_start', 'previous_action'] } }
        : {
            afterActionKey: event.actionKey,
            triggerKind: event.kind === 'submission' ? 'submission' : 'previous_action',
          }),
    },
    select: { id: true, key: true, triggerKind: true, delayDays: true, afterActionKey: true },
    orderBy: { position: 'asc' },
  });

  const scheduled: ScheduledAction[] = [];
  for (const action of waiting) {
    if (triggerAnchor(action.triggerKind, action.afterActionKey) !== ANCHOR[event.kind]) continue;
    const dueAt = computeDueAt(
      { kind: action.triggerKind, delayDays: action.delayDays },
      {
        calendar: businessCalendar(account.organization.timezone, account.organization.workingDays),
        kickoffDate: account.kickoffDate,
        afterActionKey: action.afterActionKey,
        milestoneStartedAt: event.kind === 'milestone_started' ? event.at : null,
        afterActionDoneAt: event.kind === 'action_done' ? event.at : null,
        submissionAt: event.kind === 'submission' ? event.at : null,
      },
    );
    if (!dueAt) continue;
    const updated = await tx.action.updateMany({
      where: { id: action.id, status: 'pending', dueAt: null },
      data: { dueAt },
    });
    if (updated.count === 1) scheduled.push({ id: action.id, key: action.key, dueAt });
  }
  if (scheduled.length > 0) await refreshNextActionAt(tx, [event.accountId]);
  return scheduled;
}
