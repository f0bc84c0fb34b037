/**
 * When a pending action becomes due. Every delay is in business days in the organisation's
 * calendar, its time zone and working days (see business-days.ts), counted from the event the trigger waits on:
 *
 *   milestone_start  the action's milestone started
 *   previous_action  the action waited on was executed or completed; an action with nothing
 *                    to wait on (first of its milestone, no `after`) waits on the milestone start
 *   submission       the customer submitted the portal action waited on
 *   kickoff_offset   the kickoff date at 09:00 local (the delay may be negative)
 *   manual           never due by itself; only the CSM fires it
 *
 * The action waited on is the explicit `after` key, else the action just before it in the
 * same milestone. The default stops at the milestone boundary so that a milestone's first
 * action never fires before its milestone has started.
 */
import { addBusinessDays, BUSINESS_DAY_START_HOUR, localDateAt, type BusinessCalendar } from './business-days';
import type { TriggerKind, TriggerSpec } from './template';

export interface TriggerContext {
  calendar: BusinessCalendar;
  /** Calendar date at UTC midnight. */
  kickoffDate: Date;
  milestoneStartedAt?: Date | null;
  /** When the action waited on was executed or completed. */
  afterActionDoneAt?: Date | null;
  /** When the customer submitted the portal action waited on. */
  submissionAt?: Date | null;
  /**
   * The key waited on, as resolved by resolveAfterKey. Pass `null` for a previous_action
   * trigger with nothing to wait on, so it counts from milestoneStartedAt instead.
   */
  afterActionKey?: string | null;
}

/** The event whose time a trigger counts from; services recompute due times when it happens. */
export type TriggerAnchor = 'kickoff' | 'milestone_start' | 'action_done' | 'submission' | 'manual';

export function triggerAnchor(kind: TriggerKind, afterActionKey: string | null): TriggerAnchor {
  switch (kind) {
    case 'kickoff_offset':
      return 'kickoff';
    case 'milestone_start':
      return 'milestone_start';
    case 'previous_action':
      return afterActionKey === null ? 'milestone_start' : 'action_done';
    case 'submission':
      return 'submission';
    case 'manual':
      return 'manual';
  }
}

/** The due instant, or null while the event it counts from has not happened (or for manual). */
export function computeDueAt(trigger: Pick<TriggerSpec, 'kind' | 'delayDays'>, ctx: TriggerContext): Date | null {
  const after = (start: Date | null | undefined): Date | null =>
    start ? addBusinessDays(start, trigger.delayDays, ctx.calendar) : null;

  switch (trigger.kind) {
    case 'manual':
      return null;
    case 'kickoff_offset':
      return after(localDateAt(ctx.kickoffDate, BUSINESS_DAY_START_HOUR, ctx.calendar.timeZone));
    case 'milestone_start':
      return after(ctx.milestoneStartedAt);
    case 'previous_action':
      return after(ctx.afterActionKey === null ? ctx.milestoneStartedAt : ctx.afterActionDoneAt);
    case 'submission':
      return after(ctx.submissionAt);
  }
}

export interface PlanOrderedAction {
  key: string;
  milestoneIndex: number;
  trigger: Pick<TriggerSpec, 'kind' | 'after'>;
}

/**
 * The key of the action that actions[index] waits on, or null: for triggers that do not wait
 * on an action, and for a first-of-milestone action with no explicit `after` (it waits on the
 * milestone start). `actions` is the whole plan in plan order.
 */
export function resolveAfterKey(actions: readonly PlanOrderedAction[], index: number): string | null {
  const action = actions[index];
  if (!action) return null;
  const { kind, after } = action.trigger;
  if (kind !== 'previous_action' && kind !== 'submission') return null;
  if (after !== undefined && after !== '') return after;
  const previous = actions[index - 1];
  if (!previous || previous.milestoneIndex !== action.milestoneIndex) return null;
  return previous.key;
}
