/**
 * The milestone columns the plan's projection reads (domain/plan-projection.ts `ProjectedMilestone`), for every
 * query that hands milestones to it or to the formulas built on it, so none of them forgets one.
 */
export const PROJECTED_MILESTONE_COLUMNS = {
  id: true,
  name: true,
  status: true,
  plannedDays: true,
  plannedStartDate: true,
  plannedEndDate: true,
  startedAt: true,
  completedAt: true,
} as const;
