/**
 * Onboarding metrics computed from the record. Durations are business dates counted
 * inclusively, the way plannedDays is (Monday to Friday is 5), so planned and actual compare;
 * working days default to Monday to Friday.
 */
import type { ActionStatus } from './action-state';
import { localDateOf } from './business-days';
import { businessDatesSpanned, toCalendarDate, type CalendarDateInput } from './calendar-date';
import { InvalidArgumentError } from './errors';
import type { MilestoneStatus } from './milestone-state';

const DAY_MS = 86_400_000;

/** Business days from kickoff to the actual go-live date, both inclusive; null until live. */
export function timeToValueDays(
  account: {
    kickoffDate: CalendarDateInput;
    goLiveActualDate: CalendarDateInput | null;
  },
  workingDays?: readonly number[],
): number | null {
  if (account.goLiveActualDate === null) return null;
  return businessDatesSpanned(
    toCalendarDate(account.kickoffDate),
    toCalendarDate(account.goLiveActualDate),
    workingDays,
  );
}

export interface MilestoneRecord {
  position: number;
  plannedDays: number;
  status: MilestoneStatus;
  startedAt: Date | null;
  completedAt: Date | null;
}

export interface MilestoneVelocity {
  position: number;
  plannedDays: number;
  actualDays: number;
  /** actual − planned: positive is late. */
  varianceDays: number;
}

/** One row per completed milestone, in the order given; days are local dates in timeZone, counted over workingDays. */
export function milestoneVelocity(
  milestones: readonly MilestoneRecord[],
  timeZone: string,
  workingDays?: readonly number[],
): MilestoneVelocity[] {
  const rows: MilestoneVelocity[] = [];
  for (const m of milestones) {
    if (m.status !== 'completed' || !m.startedAt || !m.completedAt) continue;
    const actualDays = businessDatesSpanned(
      localDateOf(m.startedAt, timeZone),
      localDateOf(m.completedAt, timeZone),
      workingDays,
    );
    rows.push({
      position: m.position,
      plannedDays: m.plannedDays,
      actualDays,
      varianceDays: actualDays - m.plannedDays,
    });
  }
  return rows;
}

/** Share of non-skipped actions that were executed or completed, 0–1; null when there are none. */
export function actionCompletionRate(actions: readonly { status: ActionStatus }[]): number | null {
  const counted = actions.filter((a) => a.status !== 'skipped');
  if (counted.length === 0) return null;
  const done = counted.filter((a) => a.status === 'executed' || a.status === 'completed').length;
  return done / counted.length;
}

export interface EngagementSummary {
  total: number;
  byKind: Record<string, number>;
}

/** Customer events in the `days` × 24 hours up to and including `now`. */
export function recentEngagement(
  events: readonly { kind: string; at: Date }[],
  now: Date,
  days: number,
): EngagementSummary {
  if (!(days > 0))
    throw new InvalidArgumentError(`The engagement window must be a positive number of days, got ${days}.`);
  const since = now.getTime() - days * DAY_MS;
  const byKind: Record<string, number> = {};
  let total = 0;
  for (const event of events) {
    const at = event.at.getTime();
    if (at <= since || at > now.getTime()) continue;
    total += 1;
    byKind[event.kind] = (byKind[event.kind] ?? 0) + 1;
  }
  return { total, byKind };
}
