/**
 * How old an open item is, in words both the CSM and the customer read (issue 13): counted in business hours so a
 * weekend does not make a Friday request look three days old, and rounded down so "1 day" means a full one.
 */

/** "under an hour", "N hours" (under 24 business hours), else "N days" (whole 24-hour business days). */
export function businessAgeWords(businessHours: number): string {
  void businessHours;
  throw new Error('in progress');
}
