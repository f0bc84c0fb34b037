/**
 * The per-account metrics of issue 13, from one account's record: time to value (with a projection while the
 * onboarding runs), milestone velocity (open milestones included), how the customer answers what is sent to them,
 * and their engagement. Days are business dates counted inclusively, as plannedDays is; hours are business hours.
 */
import type { AccountRecord, ActionRow, EngagementEventRow, MilestoneRow } from './account-record';
import type { BusinessCalendar } from './business-days';
import type { MilestoneStatus } from './milestone-state';

export interface TimeToValue {
  /** The sum of the milestones' plannedDays. */
  plannedDays: number;
  /** Business dates kickoff → go-live, both inclusive; null until live. */
  actualDays: number | null;
  /** While not live: the last milestone's expected end; null once live (or with no milestones). */
  projectedGoLive: Date | null;
  /** Business dates kickoff → projectedGoLive, both inclusive; null once live. */
  projectedDays: number | null;
}

export interface MilestoneVelocityRow {
  id: string;
  name: string;
  position: number;
  status: MilestoneStatus;
  plannedDays: number;
  /** Completed: business dates start → completion inclusive (the stored actualDays when there is one). */
  actualDays: number | null;
  /** Open (in progress or blocked): business dates from its start to today inclusive. */
  elapsedDays: number | null;
  /** (actualDays ?? elapsedDays) − plannedDays; null when it has not started. Positive is late. */
  varianceDays: number | null;
}

export interface ActionCompletion {
  /** Customer-facing actions sent (status executed or completed). */
  executed: number;
  /** Of those, the ones the customer answered (status completed). */
  completedByCustomer: number;
  /** completedByCustomer / executed, 0–1; null when nothing was sent. */
  rate: number | null;
  /** Median business hours executedAt → completedAt over the answered ones; null when none. */
  medianBusinessHours: number | null;
}

export interface Engagement {
  portalVisits: number;
  submissions: number;
  uploads: number;
  /** email_reply + slack_reply. */
  replies: number;
  lastEventAt: Date | null;
  /** Business days from the last event to now ((a, b] as businessDaysBetween counts); null with no events. */
  businessDaysSinceLast: number | null;
}

export interface AccountMetrics {
  timeToValue: TimeToValue;
  velocity: MilestoneVelocityRow[];
  actionCompletion: ActionCompletion;
  engagement: Engagement;
}

export function timeToValue(
  account: AccountRecord['account'],
  milestones: readonly MilestoneRow[],
  now: Date,
  calendar: BusinessCalendar,
): TimeToValue {
  void account;
  void milestones;
  void now;
  void calendar;
  throw new Error('in progress');
}

export function milestoneVelocityRows(
  milestones: readonly MilestoneRow[],
  now: Date,
  calendar: BusinessCalendar,
): MilestoneVelocityRow[] {
  void milestones;
  void now;
  void calendar;
  throw new Error('in progress');
}

export function actionCompletion(actions: readonly ActionRow[], calendar: BusinessCalendar): ActionCompletion {
  void actions;
  void calendar;
  throw new Error('in progress');
}

export function engagement(events: readonly EngagementEventRow[], now: Date, calendar: BusinessCalendar): Engagement {
  void events;
  void now;
  void calendar;
  throw new Error('in progress');
}

/** All four, from the record a service loaded. */
export function accountMetrics(
  record: Pick<AccountRecord, 'account' | 'milestones' | 'actions' | 'events'>,
  now: Date,
  calendar: BusinessCalendar,
): AccountMetrics {
  return {
    timeToValue: timeToValue(record.account, record.milestones, now, calendar),
    velocity: milestoneVelocityRows(record.milestones, now, calendar),
    actionCompletion: actionCompletion(record.actions, calendar),
    engagement: engagement(record.events, now, calendar),
  };
}
