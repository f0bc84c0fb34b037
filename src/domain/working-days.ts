/** Which weekdays count as working days, as ISO weekday numbers: 1 is Monday, 7 is Sunday. */
import { accepted, refused, type Checked } from './checked';

export const DEFAULT_WORKING_DAYS: readonly number[] = [1, 2, 3, 4, 5];

const NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** At least one day, each 1–7; duplicates fold and the result is in week order. */
export function checkWorkingDays(days: readonly number[]): Checked<number[]> {
  if (days.length === 0) return refused('Pick at least one working day.');
  const bad = days.find((d) => !Number.isInteger(d) || d < 1 || d > 7);
  if (bad !== undefined) return refused(`${bad} is not a weekday; working days are 1 (Monday) to 7 (Sunday).`);
  return accepted([...new Set(days)].sort((a, b) => a - b));
}

/** "Monday, Tuesday, Friday": how working days read in an audit trail or a settings screen. */
export function describeWorkingDays(days: readonly number[]): string {
  return days.map((d) => NAMES[d - 1] ?? String(d)).join(', ');
}
