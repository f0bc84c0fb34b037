/**
 * When something an action waits on happens, the waiting actions get their due times and the scheduler fires them
 * on a later tick. Which actions an event releases, and when they become due, is the domain's rule
 * (domain/plan-engine.ts); this loads the candidates and writes the due times. Called inside the caller's
 * transaction by the services that make those things happen: sending, completing or skipping an action, a
 * customer's submission (see propagate-action-change.ts), a milestone starting.
 *
 * Only actions with no due time yet are touched, so the first event wins and calling it twice is safe.
 *
 * Several events (a batch of sends across many accounts) are applied together in a fixed number of statements:
 * one read of the accounts, one of the candidates, one update. They are applied in the order given, as if one
 * after the other: an action the first event releases is no longer a candidate for the second.
 */
import { businessCalendar, type BusinessCalendar } from '../../domain/business-days';
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
  return propagateTriggerEvents(tx, [event]);
}

export interface PropagateOptions {
  /**
   * Whether to recompute Account.nextActionAt of the accounts where something was scheduled (default true). A
   * caller that refreshes its accounts anyway, in the same transaction, turns it off: one UPDATE over all of
   * them locks the account rows in one statement, where two would let two concurrent batches lock them in
   * opposite orders.
   */
  refreshNextActionAt?: boolean;
}

export async function propagateTriggerEvents(
  tx: Tx,
  events: readonly TriggerEvent[],
  options: PropagateOptions = {},
): Promise<ScheduledAction[]> {
  if (events.length === 0) return [];
  const accountIds = [...new Set(events.map((e) => e.accountId))];
  const accounts = await tx.account.findMany({
    where: { id: { in: accountIds } },
    select: { id: true, kickoffDate: true, organization: { select: { timezone: true, workingDays: true } } },
  });
  const plans = new Map<string, { calendar: BusinessCalendar; kickoffDate: Date }>(
    accounts.map((a) => [
      a.id,
      {
        calendar: businessCalendar(a.organization.timezone, a.organization.workingDays),
        kickoffDate: a.kickoffDate,
      },
    ]),
  );

  // A narrowing query only; the domain decides which of these each event releases.
  const milestoneIds = events.flatMap((e) => (e.kind === 'milestone_started' ? [e.milestoneId] : []));
  const actionKeys = events.flatMap((e) => (e.kind === 'milestone_started' ? [] : [e.actionKey]));
  const candidates = await tx.action.findMany({
    where: {
      accountId: { in: [...plans.keys()] },
      status: 'pending',
      dueAt: null,
      OR: [
        ...(milestoneIds.length > 0 ? [{ milestoneId: { in: [...new Set(milestoneIds)] } }] : []),
        ...(actionKeys.length > 0 ? [{ afterActionKey: { in: [...new Set(actionKeys)] } }] : []),
      ],
    },
    select: {
      id: true,
      accountId: true,
      key: true,
      name: true,
      milestoneId: true,
      status: true,
      dueAt: true,
      triggerKind: true,
      delayDays: true,
      afterActionKey: true,
    },
    orderBy: [{ accountId: 'asc' }, { position: 'asc' }],
  });
  if (candidates.length === 0) return [];

  const released = new Map<string, ScheduledAction>();
  for (const event of events) {
    const plan = plans.get(event.accountId);
    if (!plan) continue;
    for (const action of candidates) {
      if (action.accountId !== event.accountId || released.has(action.id)) continue;
      const matches =
        event.kind === 'milestone_started'
          ? action.milestoneId === event.milestoneId
          : action.afterActionKey === event.actionKey;
      if (!matches) continue;
      const dueAt = dueAtAfter(action, event, plan);
      if (!dueAt) continue;
      released.set(action.id, { id: action.id, key: action.key, name: action.name, dueAt });
    }
  }
  if (released.size === 0) return [];

  // Still conditional on "pending with no due time": a concurrent event that got there first wins.
  const rows = [...released.values()];
  const at = events.reduce((latest, e) => (e.at > latest ? e.at : latest), events[0]!.at);
  const updated = await tx.$queryRaw<{ id: string }[]>`
    UPDATE "Action" AS a SET "dueAt" = v.due AT TIME ZONE 'UTC', "updatedAt" = ${at}
    FROM unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.dueAt.toISOString())}::timestamptz[]) AS v(id, due)
    WHERE a.id = v.id AND a.status = 'pending'::"ActionStatus" AND a."dueAt" IS NULL
    RETURNING a.id`;
  const done = new Set(updated.map((u) => u.id));
  const scheduled = rows.filter((r) => done.has(r.id));
  if (scheduled.length > 0 && options.refreshNextActionAt !== false) {
    const ids = new Set(candidates.filter((c) => done.has(c.id)).map((c) => c.accountId));
    await refreshNextActionAt(tx, [...ids].sort());
  }
  return scheduled;
}
