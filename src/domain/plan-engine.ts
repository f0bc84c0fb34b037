/**
 * The rules that move an account's plan forward, in one place so the services and the in-memory model of the
 * property test (tests/unit/domain/plan-reaches-the-end.property.test.ts) follow the same ones:
 *
 *   - what an action's transition tells the plan (planEventsOf): sent or done, submitted, skipped;
 *   - which waiting actions an event releases, and when they become due (releasedBy, dueAtAfter);
 *   - when a due action fires (isDue), and when a manual one may be started by hand (checkStartNow);
 *   - when a milestone may be completed and which one starts next (completionRefusal, milestoneStartingAfter).
 *
 * A skipped action releases what waits on it as if it had been done (or answered) when it was skipped, so a skip
 * never strands the actions after it.
 */
import type { ActionEvent, ActionStatus } from './action-state';
import type { BusinessCalendar } from './business-days';
import { accepted, refused, type Checked } from './checked';
import type { MilestoneStatus } from './milestone-state';
import { PORTAL_TYPES, type ActionType, type TriggerKind } from './template';
import { computeDueAt, triggerAnchor } from './triggers';

/** Something that happened in an account's plan, which waiting actions may count from. */
export type PlanEvent =
  /** The action was sent (executed), or done without sending (an internal task). */
  | { kind: 'action_done'; actionKey: string; at: Date }
  /** The customer answered the portal request. */
  | { kind: 'submission'; actionKey: string; at: Date }
  /** The CSM skipped the action. */
  | { kind: 'action_skipped'; actionKey: string; at: Date }
  | { kind: 'milestone_started'; milestoneId: string; at: Date };

/** What the plan learns from an action's transition; most transitions tell it nothing. */
export function planEventsOf(action: { key: string; type: ActionType }, event: ActionEvent, at: Date): PlanEvent[] {
  switch (event) {
    case 'sent':
      return [{ kind: 'action_done', actionKey: action.key, at }];
    case 'complete':
      // A portal request completes only when the customer answers it: that is its submission.
      return PORTAL_TYPES.includes(action.type)
        ? [
            { kind: 'action_done', actionKey: action.key, at },
            { kind: 'submission', actionKey: action.key, at },
          ]
        : [{ kind: 'action_done', actionKey: action.key, at }];
    case 'skip':
      return [{ kind: 'action_skipped', actionKey: action.key, at }];
    default:
      return [];
  }
}

/** An action of the plan as far as its trigger is concerned. */
export interface TriggeredAction {
  milestoneId: string;
  status: ActionStatus;
  /** Null while the event it counts from has not happened (or, for a manual action, until it is started). */
  dueAt: Date | null;
  triggerKind: TriggerKind;
  delayDays: number;
  /** The action waited on (previous_action, submission); null when it waits on its milestone or nothing. */
  afterActionKey: string | null;
}

/**
 * Whether the event is the one a waiting action counts from. Only a pending action without a due time waits, so
 * the first event wins (an action waiting on "sent or done" counts from the send; the later completion changes
 * nothing) and applying an event twice is harmless.
 */
export function releasedBy(action: TriggeredAction, event: PlanEvent): boolean {
  if (action.status !== 'pending' || action.dueAt !== null) return false;
  const anchor = triggerAnchor(action.triggerKind, action.afterActionKey);
  switch (event.kind) {
    case 'milestone_started':
      return anchor === 'milestone_start' && action.milestoneId === event.milestoneId;
    case 'action_done':
      return anchor === 'action_done' && action.afterActionKey === event.actionKey;
    case 'submission':
      return anchor === 'submission' && action.afterActionKey === event.actionKey;
    case 'action_skipped':
      return (anchor === 'action_done' || anchor === 'submission') && action.afterActionKey === event.actionKey;
  }
}

/** The due time the event gives a waiting action, or null when the action does not count from it. */
export function dueAtAfter(
  action: TriggeredAction,
  event: PlanEvent,
  plan: { calendar: BusinessCalendar; kickoffDate: Date },
): Date | null {
  if (!releasedBy(action, event)) return null;
  // Whichever event it is, it is the one this trigger counts from (releasedBy), so every anchor is its time.
  return computeDueAt(
    { kind: action.triggerKind, delayDays: action.delayDays },
    {
      calendar: plan.calendar,
      kickoffDate: plan.kickoffDate,
      afterActionKey: action.afterActionKey,
      milestoneStartedAt: event.at,
      afterActionDoneAt: event.at,
      submissionAt: event.at,
    },
  );
}

/** A pending action fires (becomes ready) once its due time has come. The scheduler's query says the same in SQL. */
export function isDue(action: Pick<TriggeredAction, 'status' | 'dueAt'>, now: Date): boolean {
  return action.status === 'pending' && action.dueAt !== null && action.dueAt.getTime() <= now.getTime();
}

const STATUS_WORDS: Record<ActionStatus, string> = {
  pending: 'pending',
  ready: 'ready for review',
  review_pending: 'waiting for a new draft',
  executing: 'being sent',
  executed: 'sent',
  completed: 'completed',
  skipped: 'skipped',
};

/**
 * Whether "Start now" may start the action: only a manual action waits for a person to start it. `start` gives it
 * a due time of now; `already_started` is a manual action that has one (a double click), which changes nothing.
 */
export function checkStartNow(action: {
  name: string;
  status: ActionStatus;
  triggerKind: TriggerKind;
  dueAt: Date | null;
}): Checked<'start' | 'already_started'> {
  if (action.triggerKind !== 'manual') {
    return refused(`"${action.name}" starts by its own trigger; only manual actions are started by hand.`);
  }
  if (action.status !== 'pending') {
    return refused(`"${action.name}" has already started (it is ${STATUS_WORDS[action.status]}).`);
  }
  return accepted(action.dueAt === null ? 'start' : 'already_started');
}

/**
 * Why the milestone cannot be completed now, or null: open actions need a reason (kept on the milestone), so a
 * milestone is never closed over work still running without someone saying why.
 */
export function completionRefusal(
  milestone: { name: string },
  openActions: number,
  overrideReason?: string,
): string | null {
  if (openActions === 0 || (overrideReason !== undefined && overrideReason.trim() !== '')) return null;
  return `${milestone.name} still has ${openActions} open action${openActions === 1 ? '' : 's'}; give a reason to complete it anyway.`;
}

/** The milestone that starts when the one at `position` is completed: the next one, if it has not started yet. */
export function milestoneStartingAfter<M extends { position: number; status: MilestoneStatus }>(
  milestones: readonly M[],
  position: number,
): M | null {
  const next = milestones.find((m) => m.position === position + 1);
  return next && next.status === 'pending' ? next : null;
}
