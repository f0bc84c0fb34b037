/**
 * The per-account metrics of issue 13, from one account's record: time to value (with a projection while the
 * onboarding runs), milestone velocity (open milestones included), how the customer answers what is sent to them,
 * and their engagement. Days are business dates counted inclusively, as plannedDays is; hours are business hours.
 */
import type { AccountRecord, ActionRow, EngagementEventRow, EngagementKind, MilestoneRow } from './account-record';
import { businessDaysBetween, localDateOf, type BusinessCalendar } from './business-days';
import { businessHoursBetween } from './business-hours';
import { businessDatesSpanned } from './calendar-date';
import { CUSTOMER_FACING_TYPES } from './template';
import type { MilestoneStatus } from './milestone-state';
import { timeToValue, type TimeToValue } from './time-to-value';

export { timeToValue, type TimeToValue } from './time-to-value';

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

function spanned(from: Date, to: Date, calendar: BusinessCalendar): number {
  const { timeZone, workingDays } = calendar;
  return businessDatesSpanned(localDateOf(from, timeZone), localDateOf(to, timeZone), workingDays);
}

export function milestoneVelocityRows(
  milestones: readonly MilestoneRow[],
  now: Date,
  calendar: BusinessCalendar,
): MilestoneVelocityRow[] {
  return milestones.map((m) => {
    const open = m.status === 'in_progress' || m.status === 'blocked';
    const actualDays =
      m.status !== 'completed'
        ? null
        : (m.actualDays ?? (m.startedAt && m.completedAt ? spanned(m.startedAt, m.completedAt, calendar) : null));
    const elapsedDays = open && m.startedAt ? spanned(m.startedAt, now, calendar) : null;
    const measured = actualDays ?? elapsedDays;
    return {
      id: m.id,
      name: m.name,
      position: m.position,
      status: m.status,
      plannedDays: m.plannedDays,
      actualDays,
      elapsedDays,
      varianceDays: measured === null ? null : measured - m.plannedDays,
    };
  });
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function actionCompletion(actions: readonly ActionRow[], calendar: BusinessCalendar): ActionCompletion {
  const sent = actions.filter(
    (a) => CUSTOMER_FACING_TYPES.includes(a.type) && (a.status === 'executed' || a.status === 'completed'),
  );
  const answered = sent.filter((a) => a.status === 'completed');
  const hours = answered.flatMap((a) =>
    a.executedAt && a.completedAt ? [businessHoursBetween(a.executedAt, a.completedAt, calendar)] : [],
  );
  return {
    executed: sent.length,
    completedByCustomer: answered.length,
    rate: sent.length === 0 ? null : answered.length / sent.length,
    medianBusinessHours: median(hours),
  };
}

export function engagement(events: readonly EngagementEventRow[], now: Date, calendar: BusinessCalendar): Engagement {
  const count = (...kinds: EngagementKind[]) => events.filter((e) => kinds.includes(e.kind)).length;
  const last = events.reduce<Date | null>((latest, e) => (latest && latest >= e.at ? latest : e.at), null);
  return {
    portalVisits: count('portal_visit'),
    submissions: count('form_submitted'),
    uploads: count('document_uploaded'),
    replies: count('email_reply', 'slack_reply'),
    lastEventAt: last,
    businessDaysSinceLast: last ? Math.max(0, businessDaysBetween(last, now, calendar)) : null,
  };
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
