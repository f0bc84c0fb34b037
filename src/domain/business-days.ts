/**
 * Business-day maths in the organisation's time zone. Rules:
 *
 * - Business days are Monday to Friday of the local calendar in the given zone; holidays are
 *   not modelled.
 * - `addBusinessDays` keeps the local wall-clock time: Tuesday 14:30 in Berlin + 3 is Friday
 *   14:30 in Berlin, whatever DST did in between (so the UTC gap is not always 72 hours).
 * - A start on a Saturday or Sunday counts as the next Monday at 09:00 local, for positive,
 *   zero and negative counts alike: Saturday + 0 is Monday 09:00, Saturday − 1 is Friday 09:00.
 * - `days = 0` on a weekday returns the same instant.
 * - A wall-clock time skipped by a DST change moves forward by the gap (02:30 → 03:30); one
 *   that happens twice resolves to the earlier instant.
 * - `businessDaysBetween` counts local business dates in (a, b] and ignores the time of day,
 *   so Friday 17:00 → Monday 08:00 is 1 and a → addBusinessDays(a, n) is n for a weekday a.
 */
import {
  addBusinessDaysToDate,
  businessDatesBetween,
  calendarDate,
  isWeekendDate,
  rollToBusinessDate,
  toCalendarDate,
  type CalendarDateInput,
} from './calendar-date';
import { InvalidArgumentError } from './errors';
import { assertInstant, assertTimeZone, fromLocalDateTime, toLocalDateTime } from './zoned-time';

export { isValidTimeZone } from './zoned-time';

/** Local hour at which a weekend start, a kickoff or a first milestone begins. */
export const BUSINESS_DAY_START_HOUR = 9;

export function addBusinessDays(instant: Date, days: number, timeZone: string): Date {
  assertInstant(instant);
  assertTimeZone(timeZone);
  if (!Number.isInteger(days)) throw new InvalidArgumentError(`Business days must be a whole number, got ${days}.`);

  const local = toLocalDateTime(instant, timeZone);
  const startDate = calendarDate(local.year, local.month, local.day);
  if (isWeekendDate(startDate)) {
    const target = addBusinessDaysToDate(rollToBusinessDate(startDate), days);
    return localDateAt(target, BUSINESS_DAY_START_HOUR, timeZone);
  }
  if (days === 0) return new Date(instant.getTime());

  const target = addBusinessDaysToDate(startDate, days);
  return fromLocalDateTime(
    { ...local, year: target.getUTCFullYear(), month: target.getUTCMonth() + 1, day: target.getUTCDate() },
    timeZone,
  );
}

export function businessDaysBetween(a: Date, b: Date, timeZone: string): number {
  return businessDatesBetween(localDateOf(a, timeZone), localDateOf(b, timeZone));
}

/** The instant at `hour`:00 local time on a calendar day in a zone. */
export function localDateAt(dateOnly: CalendarDateInput, hour: number, timeZone: string): Date {
  assertTimeZone(timeZone);
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) {
    throw new InvalidArgumentError(`An hour of the day must be a whole number from 0 to 23, got ${hour}.`);
  }
  const date = toCalendarDate(dateOnly);
  return fromLocalDateTime(
    {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour,
      minute: 0,
      second: 0,
      millisecond: 0,
    },
    timeZone,
  );
}

/** The calendar date (UTC midnight) an instant falls on in a zone: "today" for the organisation. */
export function localDateOf(instant: Date, timeZone: string): Date {
  assertInstant(instant);
  assertTimeZone(timeZone);
  const local = toLocalDateTime(instant, timeZone);
  return calendarDate(local.year, local.month, local.day);
}
