/**
 * Time to value (issue 13): kickoff to go-live in business dates, both inclusive, against the plan's sum of
 * plannedDays; while the account is not live, a projection of when it will be, so a CSM sees the slip coming.
 */
import type { AccountRecord, MilestoneRow } from './account-record';
import { localDateOf, type BusinessCalendar } from './business-days';
import { addBusinessDaysToDate, businessDatesSpanned, rollToBusinessDate } from './calendar-date';
import { timeToValueDays } from './metrics';
import { expectedEndDate } from './plan-projection';

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

function later(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}

/**
 * When each milestone is expected to end, walking the plan: a completed one ended when it did; an open one ends at
 * its expected end (plan-projection.ts), but not before today once it runs past it; one not started starts no
 * earlier than its planned start, the working day after the one before it ends, and today, and lasts plannedDays.
 */
function projectedGoLive(milestones: readonly MilestoneRow[], now: Date, calendar: BusinessCalendar): Date | null {
  const today = rollToBusinessDate(localDateOf(now, calendar.timeZone), calendar.workingDays);
  let previousEnd: Date | null = null;
  for (const m of milestones) {
    if (m.status === 'completed') previousEnd = expectedEndDate(m, calendar);
    else if (m.status === 'in_progress' || m.status === 'blocked')
      previousEnd = later(expectedEndDate(m, calendar), today);
    else {
      let start = later(m.plannedStartDate, today);
      if (previousEnd) start = later(start, addBusinessDaysToDate(previousEnd, 1, calendar.workingDays));
      previousEnd = addBusinessDaysToDate(start, Math.max(1, m.plannedDays) - 1, calendar.workingDays);
    }
  }
  return previousEnd;
}

export function timeToValue(
  account: AccountRecord['account'],
  milestones: readonly MilestoneRow[],
  now: Date,
  calendar: BusinessCalendar,
): TimeToValue {
  const plannedDays = milestones.reduce((sum, m) => sum + m.plannedDays, 0);
  const actualDays = timeToValueDays(account, calendar.workingDays);
  if (actualDays !== null) return { plannedDays, actualDays, projectedGoLive: null, projectedDays: null };
  const goLive = projectedGoLive(milestones, now, calendar);
  const projectedDays = goLive ? businessDatesSpanned(account.kickoffDate, goLive, calendar.workingDays) : null;
  return { plannedDays, actualDays: null, projectedGoLive: goLive, projectedDays };
}
