import { businessCalendar } from '../../../src/domain/business-days';
import type { TriggerSpec } from '../../../src/domain/template';
import { computeDueAt, resolveAfterKey, triggerAnchor, type PlanOrderedAction } from '../../../src/domain/triggers';

const NY = 'America/New_York';
const kickoffDate = new Date(Date.UTC(2026, 2, 3)); // Tuesday 3 March 2026
const base = { calendar: businessCalendar(NY), kickoffDate };
const trigger = (kind: TriggerSpec['kind'], delayDays: number): TriggerSpec => ({ kind, delayDays });
const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

describe('computeDueAt', () => {
  it('milestone_start counts business days from the milestone start', () => {
    const milestoneStartedAt = new Date('2026-03-05T15:30:00Z'); // Thursday 10:30 EST
    expect(iso(computeDueAt(trigger('milestone_start', 2), { ...base, milestoneStartedAt }))).toBe(
      '2026-03-09T14:30:00.000Z',
    );
  });

  it('milestone_start is not computable before the milestone starts', () => {
    expect(computeDueAt(trigger('milestone_start', 2), { ...base, milestoneStartedAt: null })).toBeNull();
    expect(computeDueAt(trigger('milestone_start', 2), base)).toBeNull();
  });

  it('previous_action counts from when the waited-on action was done', () => {
    const afterActionDoneAt = new Date('2026-03-10T20:00:00Z');
    expect(
      iso(computeDueAt(trigger('previous_action', 1), { ...base, afterActionKey: 'welcome', afterActionDoneAt })),
    ).toBe('2026-03-11T20:00:00.000Z');
  });

  it('previous_action waits while the waited-on action is not done, even if the milestone started', () => {
    const ctx = {
      ...base,
      afterActionKey: 'welcome',
      milestoneStartedAt: new Date('2026-03-03T14:00:00Z'),
      afterActionDoneAt: null,
    };
    expect(computeDueAt(trigger('previous_action', 1), ctx)).toBeNull();
  });

  it('previous_action with nothing to wait on counts from the milestone start', () => {
    const ctx = { ...base, afterActionKey: null, milestoneStartedAt: new Date('2026-03-06T14:00:00Z') };
    expect(iso(computeDueAt(trigger('previous_action', 1), ctx))).toBe('2026-03-09T13:00:00.000Z'); // Monday 09:00 EDT
  });

  it('submission counts from the customer submission', () => {
    const submissionAt = new Date('2026-03-13T22:00:00Z'); // Friday 18:00 EDT
    expect(iso(computeDueAt(trigger('submission', 1), { ...base, submissionAt }))).toBe('2026-03-16T22:00:00.000Z');
    expect(computeDueAt(trigger('submission', 1), { ...base, submissionAt: null })).toBeNull();
  });

  it('kickoff_offset counts from the kickoff date at 09:00 local, forwards and backwards', () => {
    expect(iso(computeDueAt(trigger('kickoff_offset', 0), base))).toBe('2026-03-03T14:00:00.000Z');
    expect(iso(computeDueAt(trigger('kickoff_offset', -2), base))).toBe('2026-02-27T14:00:00.000Z');
    // Tuesday + 5 crosses the spring-forward Sunday: still 09:00 local, now EDT.
    expect(iso(computeDueAt(trigger('kickoff_offset', 5), base))).toBe('2026-03-10T13:00:00.000Z');
  });

  it('kickoff_offset from a Saturday kickoff counts from Monday 09:00', () => {
    const saturday = new Date(Date.UTC(2026, 2, 7));
    expect(iso(computeDueAt(trigger('kickoff_offset', 0), { ...base, kickoffDate: saturday }))).toBe(
      '2026-03-09T13:00:00.000Z',
    );
    expect(iso(computeDueAt(trigger('kickoff_offset', -1), { ...base, kickoffDate: saturday }))).toBe(
      '2026-03-06T14:00:00.000Z',
    );
  });

  it('manual is never due by itself', () => {
    const everything = {
      ...base,
      milestoneStartedAt: new Date('2026-03-03T14:00:00Z'),
      afterActionDoneAt: new Date('2026-03-03T14:00:00Z'),
      submissionAt: new Date('2026-03-03T14:00:00Z'),
    };
    expect(computeDueAt(trigger('manual', 0), everything)).toBeNull();
  });
});

describe('resolveAfterKey', () => {
  const plan: PlanOrderedAction[] = [
    { key: 'welcome', milestoneIndex: 0, trigger: { kind: 'milestone_start' } },
    { key: 'questionnaire', milestoneIndex: 0, trigger: { kind: 'previous_action' } },
    { key: 'chase', milestoneIndex: 0, trigger: { kind: 'previous_action', after: 'welcome' } },
    { key: 'setup', milestoneIndex: 1, trigger: { kind: 'previous_action' } },
    { key: 'review', milestoneIndex: 1, trigger: { kind: 'submission', after: 'questionnaire' } },
    { key: 'thanks', milestoneIndex: 1, trigger: { kind: 'submission' } },
    { key: 'golive', milestoneIndex: 2, trigger: { kind: 'kickoff_offset', after: 'thanks' } },
  ];

  it.each<[number, string | null, string]>([
    [0, null, 'a milestone_start trigger waits on no action'],
    [1, 'welcome', 'defaults to the previous action in the milestone'],
    [2, 'welcome', 'an explicit after wins over the previous action'],
    [3, null, 'the first action of a milestone waits on the milestone start'],
    [4, 'questionnaire', 'an explicit after may reach into an earlier milestone'],
    [5, 'review', 'a submission trigger defaults to the previous action too'],
    [6, null, 'after is ignored on triggers that do not wait on an action'],
    [99, null, 'an index past the end resolves to nothing'],
  ])('index %i → %p (%s)', (index, expected) => {
    expect(resolveAfterKey(plan, index)).toBe(expected);
  });
});

describe('triggerAnchor', () => {
  it.each([
    ['kickoff_offset', null, 'kickoff'],
    ['milestone_start', null, 'milestone_start'],
    ['previous_action', 'welcome', 'action_done'],
    ['previous_action', null, 'milestone_start'],
    ['submission', 'form', 'submission'],
    ['manual', null, 'manual'],
  ] as const)('%s waiting on %p counts from %s', (kind, after, anchor) => {
    expect(triggerAnchor(kind, after)).toBe(anchor);
  });
});
