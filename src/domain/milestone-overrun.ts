/**
 * A milestone's overrun dates (issue 13): the local business dates it ran past its plan. Counting starts at its
 * local start date (a day off counts as the next working day); the first plannedDays business dates are the plan,
 * and every business date after them up to its local completion date (or today's, while it is open) is overrun.
 * Planned 5, started Monday, completed the next Tuesday: overrun is the next Monday and Tuesday. A milestone not
 * started has none; the one before it carries the slip.
 */
import type { MilestoneRow } from './account-record';
import { localDateOf, type BusinessCalendar } from './business-days';
import { addBusinessDaysToDate } from './calendar-date';

/** The milestone columns overruns are measured from. */
export type SlipMilestone = Pick<MilestoneRow, 'id' | 'status' | 'plannedDays' | 'startedAt' | 'completedAt'>;

/** The local date the milestone's clock stops on: its completion, or today while it runs; null if it never ran. */
function lastDate(m: SlipMilestone, now: Date, calendar: BusinessCalendar): Date | null {
  if (m.status === 'completed') return m.completedAt ? localDateOf(m.completedAt, calendar.timeZone) : null;
  if (m.status === 'in_progress' || m.status === 'blocked') return localDateOf(now, calendar.timeZone);
  return null;
}

/** A milestone's overrun dates (UTC-midnight local business dates), oldest first; none before it starts. */
export function overrunDates(milestone: SlipMilestone, now: Date, calendar: BusinessCalendar): Date[] {
  if (!milestone.startedAt) return [];
  const last = lastDate(milestone, now, calendar);
  if (!last) return [];
  const start = localDateOf(milestone.startedAt, calendar.timeZone);
  const planned = Math.max(0, Math.floor(milestone.plannedDays));
  const dates: Date[] = [];
  for (let i = planned; ; i++) {
    const date = addBusinessDaysToDate(start, i, calendar.workingDays);
    if (date.getTime() > last.getTime()) return dates;
    dates.push(date);
  }
}
