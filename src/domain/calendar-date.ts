/**
 * Calendar dates (a day, not an instant) are carried as a Date at UTC midnight, which is how
 * Prisma reads and writes `@db.Date` columns. Helpers here never look at a time zone: the day
 * a date names is the same everywhere. Business dates are the organisation's working days
 * (ISO weekdays, see working-days.ts), Monday to Friday unless told otherwise; holidays are not
 * modelled.
 */
import { InvalidArgumentError } from './errors';
import { DEFAULT_WORKING_DAYS } from './working-days';

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

/** Whether a calendar date is one of the working days (ISO weekdays, 1 = Monday … 7 = Sunday). */
export function isWorkingDate(date: Date, workingDays: readonly number[] = DEFAULT_WORKING_DAYS): boolean {
  return week(workingDays).isWorking[isoWeekday(date) - 1] === true;
}

/** Not a working day: with the default week, a Saturday or a Sunday. */
export function isWeekendDate(date: Date, workingDays: readonly number[] = DEFAULT_WORKING_DAYS): boolean {
  return !isWorkingDate(date, workingDays);
}

/** A day off moves to the next working day; a working day is returned unchanged. */
export function rollToBusinessDate(date: Date, workingDays: readonly number[] = DEFAULT_WORKING_DAYS): Date {
  const w = week(workingDays);
  let day = new Date(date.getTime());
  while (w.isWorking[isoWeekday(day) - 1] !== true) day = addCalendarDays(day, 1);
  return day;
}

// Business dates are numbered consecutively (only working days count) so that adding and
// counting are arithmetic rather than loops. Day index 0 is Monday 1969-12-29.
const MONDAY_EPOCH_OFFSET = 3; // 1970-01-01 was a Thursday

interface WorkingWeek {
  /** By Monday-based weekday index 0–6. */
  isWorking: boolean[];
  /** How many working days fall on or before each Monday-based weekday index. */
  countThrough: number[];
  /** Monday-based weekday indexes of the working days, in week order. */
  indexes: number[];
}

/** Worked out once per set of working days: every business-date helper asks for it, often thousands of times. */
const weeks = new Map<string, WorkingWeek>();

function week(workingDays: readonly number[]): WorkingWeek {
  const key = workingDays.join(',');
  const known = weeks.get(key);
  if (known) return known;
  const isWorking = [1, 2, 3, 4, 5, 6, 7].map((d) => workingDays.includes(d));
  const indexes = isWorking.flatMap((working, i) => (working ? [i] : []));
  if (indexes.length === 0) throw new InvalidArgumentError('A working week needs at least one working day.');
  let seen = 0;
  const countThrough = isWorking.map((working) => (seen += working ? 1 : 0));
  const worked = { isWorking, countThrough, indexes };
  // Keys are subsets of the week's seven days in some order, so the map stays small; bounded all the same.
  if (weeks.size > 1000) weeks.clear();
  weeks.set(key, worked);
  return worked;
}

function dayIndex(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS) + MONDAY_EPOCH_OFFSET;
}

function isoWeekday(date: Date): number {
  const index = dayIndex(date);
  return index - Math.floor(index / 7) * 7 + 1;
}

/** How many business dates fall on or before `date` (from the Monday epoch). */
function businessOrdinal(date: Date, w: WorkingWeek): number {
  const index = dayIndex(date);
  const weeks = Math.floor(index / 7);
  const weekday = index - weeks * 7; // 0 = Monday … 6 = Sunday
  return weeks * w.indexes.length + (w.countThrough[weekday] ?? 0);
}

function dateOfBusinessOrdinal(ordinal: number, w: WorkingWeek): Date {
  const perWeek = w.indexes.length;
  const weeks = Math.floor((ordinal - 1) / perWeek);
  const weekday = w.indexes[ordinal - 1 - weeks * perWeek] ?? 0;
  return new Date((weeks * 7 + weekday - MONDAY_EPOCH_OFFSET) * DAY_MS);
}

/** `days` business dates after (or before, if negative) `date`; a day off counts as the next working day. */
export function addBusinessDaysToDate(
  date: Date,
  days: number,
  workingDays: readonly number[] = DEFAULT_WORKING_DAYS,
): Date {
  const w = week(workingDays);
  return dateOfBusinessOrdinal(businessOrdinal(rollToBusinessDate(date, workingDays), w) + days, w);
}

/** Business dates in (a, b]; negative when b is before a. Friday → Monday is 1, Saturday → Sunday is 0. */
export function businessDatesBetween(a: Date, b: Date, workingDays: readonly number[] = DEFAULT_WORKING_DAYS): number {
  const w = week(workingDays);
  return businessOrdinal(b, w) - businessOrdinal(a, w);
}

/** Business dates in [a, b], 0 when b is before a: a milestone from Monday to Friday spans 5. */
export function businessDatesSpanned(a: Date, b: Date, workingDays: readonly number[] = DEFAULT_WORKING_DAYS): number {
  if (b.getTime() < a.getTime()) return 0;
  return businessDatesBetween(a, b, workingDays) + (isWorkingDate(a, workingDays) ? 1 : 0);
}
