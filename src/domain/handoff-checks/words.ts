/** How findings name days and amounts: "15 March 2027", "48,000 USD". */
import { toCalendarDate } from '../calendar-date';

export function dayInWords(day: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    toCalendarDate(day),
  );
}

export function amountInWords(amount: number, currency: string | null): string {
  const figure = amount.toLocaleString('en-US', { maximumFractionDigits: 0 });
  const code = currency?.trim().toUpperCase();
  return code && /^[A-Z]{3}$/.test(code) ? `${figure} ${code}` : figure;
}

/** Whole days from a to b (both YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toCalendarDate(b).getTime() - toCalendarDate(a).getTime()) / 86_400_000);
}

/** "3 days", "5 weeks": how far apart two days are, roughly, for a sentence. */
export function gapInWords(days: number): string {
  const n = Math.abs(days);
  if (n < 14) return n === 1 ? '1 day' : `${n} days`;
  const weeks = Math.round(n / 7);
  return `${weeks} weeks`;
}
