/**
 * Slip in words (issue 13): the CSM's sentence names whose days they were; the customer's only says how far behind
 * plan the onboarding runs (the portal does not tell a customer the days were theirs).
 */
import type { SlipSide, SlipSummary } from './onboarding-clock-types';

/** Counts by side; accepts SlipDay rows as they are. */
export function summariseSlip(days: readonly { side: SlipSide }[]): SlipSummary {
  const summary: SlipSummary = { total: 0, customer: 0, us: 0, third_party: 0 };
  for (const day of days) {
    summary.total += 1;
    summary[day.side] += 1;
  }
  return summary;
}

function daysWord(n: number): string {
  return `${n} day${n === 1 ? '' : 's'}`;
}

/** For the CSM: "On track" or "12 days behind: 8 customer, 3 us, 1 third party" (zero sides left out). */
export function slipSentence(summary: SlipSummary): string {
  if (summary.total <= 0) return 'On track';
  const sides = [
    [summary.customer, 'customer'],
    [summary.us, 'us'],
    [summary.third_party, 'third party'],
  ] as const;
  const parts = sides.filter(([n]) => n > 0).map(([n, name]) => `${n} ${name}`);
  return `${daysWord(summary.total)} behind: ${parts.join(', ')}`;
}

/** For the customer (portal): "On track" or "2 days behind plan"; takes Account.daysBehind. */
export function customerSlipWords(daysBehind: number): string {
  return daysBehind > 0 ? `${daysWord(daysBehind)} behind plan` : 'On track';
}
