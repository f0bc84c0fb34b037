/**
 * Which milestone an account is in: the first, in plan order, that is under way, blocked included (a blocked
 * milestone is still the one the account is in, and the one whose controls the CSM needs).
 */
import type { MilestoneStatus } from './milestone-state';

export const CURRENT_MILESTONE_STATUSES = ['in_progress', 'blocked'] as const satisfies readonly MilestoneStatus[];

export function isCurrentMilestone(status: MilestoneStatus): boolean {
  return (CURRENT_MILESTONE_STATUSES as readonly MilestoneStatus[]).includes(status);
}

/** The current milestone of a plan given in plan order; null when none is under way. */
export function currentMilestone<M extends { status: MilestoneStatus }>(milestonesInPlanOrder: readonly M[]): M | null {
  return milestonesInPlanOrder.find((m) => isCurrentMilestone(m.status)) ?? null;
}

/**
 * The stage to show the customer: the current milestone, else the next one still to start (a plan that has not
 * begun yet reads "Kickoff", not "All done"); null only when every milestone is completed.
 */
export function currentOrNextMilestone<M extends { status: MilestoneStatus }>(
  milestonesInPlanOrder: readonly M[],
): M | null {
  return currentMilestone(milestonesInPlanOrder) ?? milestonesInPlanOrder.find((m) => m.status === 'pending') ?? null;
}
