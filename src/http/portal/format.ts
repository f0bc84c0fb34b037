/** Dates as the customer reads them. Calendar dates (plans) are UTC midnights; instants use the organisation's zone. */

// Building an Intl.DateTimeFormat costs far more than using one (it was a tenth of a portal page's CPU time), so
// each is built once: one for calendar dates, one per organisation timezone.
const DAY_OPTIONS = { day: 'numeric', month: 'short', year: 'numeric' } as const;
const calendarDay = new Intl.DateTimeFormat('en-GB', { ...DAY_OPTIONS, timeZone: 'UTC' });
/** Timezone → its formatter, or null for a zone Intl does not know. Zones come from organisation settings: few. */
const zonedDays = new Map<string, Intl.DateTimeFormat | null>();
const MAX_ZONES = 500;

function zonedDay(timeZone: string): Intl.DateTimeFormat | null {
  let format = zonedDays.get(timeZone);
  if (format !== undefined) return format;
  try {
    format = new Intl.DateTimeFormat('en-GB', { ...DAY_OPTIONS, timeZone });
  } catch {
    format = null;
  }
  if (zonedDays.size >= MAX_ZONES) zonedDays.clear();
  zonedDays.set(timeZone, format);
  return format;
}

export function formatCalendarDay(date: Date): string {
  return calendarDay.format(date);
}

export function formatInstantDay(date: Date, timeZone: string): string {
  return (zonedDay(timeZone) ?? calendarDay).format(date);
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
