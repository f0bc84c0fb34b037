import { milestoneProgress } from '../../../src/domain/milestone-progress';
import type { MilestoneStatus } from '../../../src/domain/milestone-state';

const plan = (...statuses: MilestoneStatus[]) => statuses.map((status) => ({ status }));

describe('milestoneProgress', () => {
  it('is the share of milestones completed, rounded to a whole percent', () => {
    expect(milestoneProgress(plan('completed', 'in_progress', 'pending'))).toEqual({ done: 1, total: 3, pct: 33 });
    expect(milestoneProgress(plan('completed', 'completed', 'blocked'))).toEqual({ done: 2, total: 3, pct: 67 });
  });

  it('counts neither a started nor a blocked milestone as done', () => {
    expect(milestoneProgress(plan('in_progress', 'blocked', 'pending', 'pending')).pct).toBe(0);
  });

  it('is 100 when every milestone is completed', () => {
    expect(milestoneProgress(plan('completed', 'completed'))).toEqual({ done: 2, total: 2, pct: 100 });
  });

  it('is 0 for a plan with no milestones, not a division by zero', () => {
    expect(milestoneProgress([])).toEqual({ done: 0, total: 0, pct: 0 });
  });
});
