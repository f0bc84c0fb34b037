/**
 * Business hours: the time that passes on the organisation's working days, in its time zone. Every hour of a
 * working day counts and no hour of a day off does (Thread models working days, not office hours), so 24 business
 * hours from Friday 15:00 end on Monday 15:00 with Monday to Friday, and a clock started on Saturday starts counting
 * on Monday at 00:00. Holidays are not modelled, as for business days.
 */
import type { BusinessCalendar } from './business-days';
import { localDateOf } from './business-days';
import { addCalendarDays, isWorkingDate } from './calendar-date';
import { assertInstant, fromLocalDateTime } from './zoned-time';

const HOUR_MS = 3_600_000;
/** A clock longer than this (about a year and a half) counts as this long: nobody waits that long for a reminder. */
const MAX_DAYS = 550;

function midnight(date: Date, timeZone: string): Date {
  return fromLocalDateTime(
    {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: 0,
      minute: 0,
      second: 0,
      millisecond: 0,
    },
    timeZone,
  );
}

/** Business hours from `from` to `to` (0 when `to` is not later), with fractions. */
export function businessHoursBetween(from: Date, to: Date, calendar: BusinessCalendar): number {
  assertInstant(from, 'start');
  assertInstant(to, 'end');
  if (to.getTime() <= from.getTime()) return 0;
  let total = 0;
  let day = localDateOf(from, calendar.timeZone);
  const last = localDateOf(to, calendar.timeZone);
  for (let i = 0; i <= MAX_DAYS && day.getTime() <= last.getTime(); i++) {
    const next = addCalendarDays(day, 1);
    if (isWorkingDate(day, calendar.workingDays)) {
      // The day's own length in its zone (23 or 25 hours on a DST change), cut to the span asked about.
      const start = Math.max(midnight(day, calendar.timeZone).getTime(), from.getTime());
      const end = Math.min(midnight(next, calendar.timeZone).getTime(), to.getTime());
      if (end > start) total += end - start;
    }
    day = next;
  }
  return total / HOUR_MS;
}
