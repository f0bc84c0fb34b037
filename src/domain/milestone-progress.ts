/**
 * How far an account's plan has come, as the CSM and the customer both read it: the share of its milestones that
 * are completed. Actions do not count, so a milestone completed over open actions (with an override reason) still
 * moves the bar, and the number agrees with the milestone list shown beside it.
 */
import type { MilestoneStatus } from './milestone-state';

export interface MilestoneProgress {
  done: number;
  total: number;
  /** 0-100, rounded; 0 for a plan with no milestones. */
  pct: number;
}

export function milestoneProgress(milestones: readonly { status: MilestoneStatus }[]): MilestoneProgress {
  const total = milestones.length;
  const done = milestones.filter((m) => m.status === 'completed').length;
  return { done, total, pct: total === 0 ? 0 : Math.round((done / total) * 100) };
}
