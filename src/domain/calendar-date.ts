/**
 * Calendar dates (a day, not an instant) are carried as a Date at UTC midnight, which is how
 * Prisma reads and writes `@db.Date` columns. Helpers here never look at a time zone: the day
 * a date names is the same everywhere. Business dates are Monday to Friday; holidays are not
 * modelled.
 */
import { InvalidArgumentError } from './errors';

const DAY_MS = 86_400_000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

export type CalendarDateInput = string | Date;

/** Accepts 'YYYY-MM-DD' or a Date at UTC midnight; anything else is a bug in the caller. */
export function toCalendarDate(value: CalendarDateInput): Date {
  if (typeof value === 'string') {
    const match = DATE_ONLY.exec(value);
    if (match) {
      const [, y, m, d] = match;
      const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
      if (formatCalendarDate(date) === value) return date;
    }
    throw new InvalidArgumentError(`Expected a calendar date like 2026-03-03, got "${value}".`);
  }
  if (Number.isNaN(value.getTime())) throw new InvalidArgumentError('Expected a calendar date, got an invalid Date.');
  if (value.getTime() % DAY_MS !== 0) {
    throw new InvalidArgumentError(`Expected a calendar date at UTC midnight, got the instant ${value.toISOString()}.`);
  }
  return new Date(value.getTime());
}

export function formatCalendarDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function calendarDate(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day));
}

export function addCalendarDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

export function isWeekendDate(date: Date): boolean {
  const day = date.getUTCDay();
  return day === 0 || day === 6;
}

/** A Saturday or Sunday moves to the following Monday; a weekday is returned unchanged. */
export function rollToBusinessDate(date: Date): Date {
  const day = date.getUTCDay();
  if (day === 6) return addCalendarDays(date, 2);
  if (day === 0) return addCalendarDays(date, 1);
  return new Date(date.getTime());
}

// Business dates are numbered consecutively (Mon–Fri) so that adding and counting are
// arithmetic rather than loops. Day index 0 is Monday 1969-12-29.
const MONDAY_EPOCH_OFFSET = 3; // 1970-01-01 was a Thursday

function dayIndex(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS) + MONDAY_EPOCH_OFFSET;
}

/** How many business dates fall on or before `date` (from the Monday epoch). */
function businessOrdinal(date: Date): number {
  const index = dayIndex(date);
  const weeks = Math.floor(index / 7);
  const weekday = index - weeks * 7; // 0 = Monday … 6 = Sunday
  return weeks * 5 + Math.min(weekday + 1, 5);
}

function dateOfBusinessOrdinal(ordinal: number): Date {
  const weeks = Math.floor((ordinal - 1) / 5);
  const weekday = ordinal - 1 - weeks * 5;
  return new Date((weeks * 7 + weekday - MONDAY_EPOCH_OFFSET) * DAY_MS);
}

/** `days` business dates after (or before, if negative) `date`; a weekend date counts as the next Monday. */
export function addBusinessDaysToDate(date: Date, days: number): Date {
  return dateOfBusinessOrdinal(businessOrdinal(rollToBusinessDate(date)) + days);
}

/** Business dates in (a, b]; negative when b is before a. Friday → Monday is 1, Saturday → Sunday is 0. */
export function businessDatesBetween(a: Date, b: Date): number {
  return businessOrdinal(b) - businessOrdinal(a);
}

/** Business dates in [a, b], 0 when b is before a: a milestone from Monday to Friday spans 5. */
export function businessDatesSpanned(a: Date, b: Date): number {
  if (b.getTime() < a.getTime()) return 0;
  return businessDatesBetween(a, b) + (isWeekendDate(a) ? 0 : 1);
}
