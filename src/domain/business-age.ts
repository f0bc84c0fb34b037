/**
 * How old an open item is, in words both the CSM and the customer read (issue 13): counted in business hours so a
 * weekend does not make a Friday request look three days old, and rounded down so "1 day" means a full one.
 */

function counted(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** "under an hour", "N hours" (under 24 business hours), else "N days" (whole 24-hour business days). */
export function businessAgeWords(businessHours: number): string {
  // A clock a caller got wrong (NaN, negative) reads as just started rather than throwing in front of a customer.
  if (!(businessHours >= 1)) return 'under an hour';
  if (businessHours < 24) return counted(Math.floor(businessHours), 'hour');
  return counted(Math.floor(businessHours / 24), 'day');
}
