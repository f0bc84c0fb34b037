import { currentMilestone, currentOrNextMilestone, isCurrentMilestone } from '../../../src/domain/current-milestone';
import type { MilestoneStatus } from '../../../src/domain/milestone-state';

const plan = (...statuses: MilestoneStatus[]) => statuses.map((status, position) => ({ position, status }));

describe('currentMilestone', () => {
  it('is the milestone under way', () => {
    expect(currentMilestone(plan('completed', 'in_progress', 'pending'))).toEqual({
      position: 1,
      status: 'in_progress',
    });
  });

  it('includes a blocked milestone: the account is still in it', () => {
    expect(currentMilestone(plan('completed', 'blocked', 'pending'))?.position).toBe(1);
  });

  it('takes the first in plan order when more than one is under way', () => {
    expect(currentMilestone(plan('completed', 'blocked', 'in_progress'))?.position).toBe(1);
    expect(currentMilestone(plan('in_progress', 'blocked'))?.position).toBe(0);
  });

  it('is null when nothing is under way', () => {
    expect(currentMilestone(plan('pending', 'pending'))).toBeNull();
    expect(currentMilestone(plan('completed', 'completed'))).toBeNull();
    expect(currentMilestone([])).toBeNull();
  });

  it.each([
    ['pending', false],
    ['in_progress', true],
    ['blocked', true],
    ['completed', false],
  ] as const)('a %s milestone is current: %s', (status, expected) => {
    expect(isCurrentMilestone(status)).toBe(expected);
  });
});

describe('currentOrNextMilestone', () => {
  it('is the current milestone when there is one', () => {
    expect(currentOrNextMilestone(plan('completed', 'blocked', 'pending'))?.position).toBe(1);
  });

  it('is the next milestone to start when none is under way', () => {
    expect(currentOrNextMilestone(plan('completed', 'pending', 'pending'))?.position).toBe(1);
    expect(currentOrNextMilestone(plan('pending', 'pending'))?.position).toBe(0);
  });

  it('is null once every milestone is completed', () => {
    expect(currentOrNextMilestone(plan('completed', 'completed'))).toBeNull();
  });
});
