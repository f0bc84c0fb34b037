/**
 * The period an analytics view covers, as a leader types it: `30d`, `90d` (the default), `12m`, `ytd`, `2026-q3`,
 * `2026-05` or `2026`. A period is a range of local calendar dates in the organisation's zone, [from, to): the
 * aggregates compare date columns (go-live, kickoff, slip days) with the dates and timestamp columns (completions,
 * blocks) with the instants those dates start at.
 *
 * Rolling periods end with today: `30d` is today and the 29 days before it; `12m` is this month so far and the 11
 * whole months before it, so kickoff cohorts by month are whole months. Calendar periods (a quarter, a month, a
 * year) are whole, even when they lie in the future or the past.
 */
import { addCalendarDays, calendarDate, formatCalendarDate } from './calendar-date';

export const DEFAULT_PERIOD = '90d';

export interface AnalyticsPeriod {
  /** What was typed, normalised (lower case): the key links and exports carry. */
  text: string;
  /** First local date in the period. */
  from: Date;
  /** The local date after the last one (exclusive). */
  to: Date;
  /** In words, for headings: "the last 90 days", "Q3 2026". */
  label: string;
}

/** Why a period could not be read, as a sentence that shows the forms that work. */
export const PERIOD_HELP = 'use 30d, 90d, 12m, ytd, a quarter like 2026-q3, a month like 2026-05 or a year like 2026';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The period `text` names, counted from `today` (the organisation's local date, UTC midnight); null when it names
 * none. Rolling lengths are capped (at most 3 years) so nobody asks for a century of history by typo.
 */
export function parseAnalyticsPeriod(text: string, today: Date): AnalyticsPeriod | null {
  const t = text.trim().toLowerCase();
  const tomorrow = addCalendarDays(today, 1);
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth() + 1;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{1,4})d$/.exec(t))) {
    const days = Number(match[1]);
    if (days < 1 || days > 1100) return null;
    return { text: t, from: addCalendarDays(today, 1 - days), to: tomorrow, label: `the last ${days} days` };
  }
  if ((match = /^(\d{1,2})m$/.exec(t))) {
    const months = Number(match[1]);
    if (months < 1 || months > 36) return null;
    return { text: t, from: monthStart(y, m - (months - 1)), to: tomorrow, label: `the last ${months} months` };
  }
  if (t === 'ytd') return { text: t, from: calendarDate(y, 1, 1), to: tomorrow, label: `${y} to date` };
  if ((match = /^(\d{4})-q([1-4])$/.exec(t))) {
    const year = Number(match[1]);
    const q = Number(match[2]);
    return { text: t, from: monthStart(year, 3 * q - 2), to: monthStart(year, 3 * q + 1), label: `Q${q} ${year}` };
  }
  if ((match = /^(\d{4})-(\d{2})$/.exec(t))) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    if (month < 1 || month > 12) return null;
    return {
      text: t,
      from: monthStart(year, month),
      to: monthStart(year, month + 1),
      label: `${MONTHS[month - 1]} ${year}`,
    };
  }
  if ((match = /^(\d{4})$/.exec(t))) {
    const year = Number(match[1]);
    return { text: t, from: calendarDate(year, 1, 1), to: calendarDate(year + 1, 1, 1), label: String(year) };
  }
  return null;
}

/** The first of a month; months outside 1–12 roll into the years around (month 0 is last December). */
function monthStart(year: number, month: number): Date {
  return new Date(Date.UTC(year, month - 1, 1));
}

/** "2026-03" for a date, as kickoff cohorts are keyed. */
export function monthKey(date: Date): string {
  return formatCalendarDate(date).slice(0, 7);
}

/** "Mar 2026" for a month key. */
export function monthLabel(key: string): string {
  const [year, month] = key.split('-');
  return `${MONTHS[Number(month) - 1] ?? month} ${year}`;
}
