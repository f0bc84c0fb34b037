/**
 * Business-day maths in the organisation's calendar: its time zone and its working days. Rules:
 *
 * - Business days are the calendar's working days (ISO weekdays; Monday to Friday unless the
 *   organisation chose otherwise) of the local calendar in its zone; holidays are not modelled.
 * - `addBusinessDays` keeps the local wall-clock time: Tuesday 14:30 in Berlin + 3 is Friday
 *   14:30 in Berlin, whatever DST did in between (so the UTC gap is not always 72 hours).
 * - A start on a day off counts as the next working day at 09:00 local, for positive, zero and
 *   negative counts alike: with Monday to Friday, Saturday + 0 is Monday 09:00, Saturday − 1 is
 *   Friday 09:00.
 * - `days = 0` on a working day returns the same instant.
 * - A wall-clock time skipped by a DST change moves forward by the gap (02:30 → 03:30); one
 *   that happens twice resolves to the earlier instant.
 * - `businessDaysBetween` counts local business dates in (a, b] and ignores the time of day,
 *   so Friday 17:00 → Monday 08:00 is 1 and a → addBusinessDays(a, n) is n for a working day a.
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
import { DEFAULT_WORKING_DAYS } from './working-days';
import { assertInstant, assertTimeZone, fromLocalDateTime, toLocalDateTime } from './zoned-time';

export { isValidTimeZone } from './zoned-time';

/** The organisation's calendar as business-day maths needs it: its zone and its working days. */
export interface BusinessCalendar {
  timeZone: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday (see working-days.ts). */
  workingDays: readonly number[];
}

/** A calendar in a zone; without working days, Monday to Friday. */
export function businessCalendar(timeZone: string, workingDays?: readonly number[] | null): BusinessCalendar {
  return { timeZone, workingDays: workingDays && workingDays.length > 0 ? workingDays : DEFAULT_WORKING_DAYS };
}

/** Local hour at which a weekend start, a kickoff or a first milestone begins. */
export const BUSINESS_DAY_START_HOUR = 9;

export function addBusinessDays(instant: Date, days: number, calendar: BusinessCalendar): Date {
  const { timeZone, workingDays } = calendar;
  assertInstant(instant);
  assertTimeZone(timeZone);
  if (!Number.isInteger(days)) throw new InvalidArgumentError(`Business days must be a whole number, got ${days}.`);

  const local = toLocalDateTime(instant, timeZone);
  const startDate = calendarDate(local.year, local.month, local.day);
  if (isWeekendDate(startDate, workingDays)) {
    const target = addBusinessDaysToDate(rollToBusinessDate(startDate, workingDays), days, workingDays);
    return localDateAt(target, BUSINESS_DAY_START_HOUR, timeZone);
  }
  if (days === 0) return new Date(instant.getTime());

  const target = addBusinessDaysToDate(startDate, days, workingDays);
  return fromLocalDateTime(
    { ...local, year: target.getUTCFullYear(), month: target.getUTCMonth() + 1, day: target.getUTCDate() },
    timeZone,
  );
}

export function businessDaysBetween(a: Date, b: Date, calendar: BusinessCalendar): number {
  const { timeZone, workingDays } = calendar;
  return businessDatesBetween(localDateOf(a, timeZone), localDateOf(b, timeZone), workingDays);
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
