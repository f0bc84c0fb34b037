/** Dates as the customer reads them. Calendar dates (plans) are UTC midnights; instants use the organisation's zone. */
export function formatCalendarDay(date: Date): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    date,
  );
}

export function formatInstantDay(date: Date, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone }).format(date);
  } catch {
    return formatCalendarDay(date);
  }
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
