/**
 * When something an action waits on happens, the waiting actions get their due times and the scheduler fires them
 * on a later tick. Which actions an event releases, and when they become due, is the domain's rule
 * (domain/plan-engine.ts); this loads the candidates and writes the due times. Called inside the caller's
 * transaction by the services that make those things happen: sending, completing or skipping an action, a
 * customer's submission (see propagate-action-change.ts), a milestone starting.
 *
 * Only actions with no due time yet are touched, so the first event wins and calling it twice is safe.
 */
import { businessCalendar } from '../../domain/business-days';
import { dueAtAfter, type PlanEvent } from '../../domain/plan-engine';
import type { Tx } from '../context';
import { refreshNextActionAt } from './refresh-next-action-at';

export type TriggerEvent = PlanEvent & { accountId: string };

export interface ScheduledAction {
  id: string;
  key: string;
  name: string;
  dueAt: Date;
}

export async function propagateTriggers(tx: Tx, event: TriggerEvent): Promise<ScheduledAction[]> {
  const account = await tx.account.findUnique({
    where: { id: event.accountId },
    select: { kickoffDate: true, organization: { select: { timezone: true, workingDays: true } } },
  });
  if (!account) return [];
  const plan = {
    calendar: businessCalendar(account.organization.timezone, account.organization.workingDays),
    kickoffDate: account.kickoffDate,
  };

  // A narrowing query only; the domain decides which of these the event releases.
  const candidates = await tx.action.findMany({
    where: {
      accountId: event.accountId,
      status: 'pending',
      dueAt: null,
      ...(event.kind === 'milestone_started'
        ? { milestoneId: event.milestoneId }
        : { afterActionKey: event.actionKey }),
    },
    select: {
      id: true,
      key: true,
      name: true,
      milestoneId: true,
      status: true,
      dueAt: true,
      triggerKind: true,
      delayDays: true,
      afterActionKey: true,
    },
    orderBy: { position: 'asc' },
  });

  const scheduled: ScheduledAction[] = [];
  for (const action of candidates) {
    const dueAt = dueAtAfter(action, event, plan);
    if (!dueAt) continue;
    const updated = await tx.action.updateMany({
      where: { id: action.id, status: 'pending', dueAt: null },
      data: { dueAt },
    });
    if (updated.count === 1) scheduled.push({ id: action.id, key: action.key, name: action.name, dueAt });
  }
  if (scheduled.length > 0) await refreshNextActionAt(tx, [event.accountId]);
  return scheduled;
}
