import {
  actionCompletionRate,
  milestoneVelocity,
  recentEngagement,
  timeToValueDays,
} from '../../../src/domain/metrics';

describe('timeToValueDays', () => {
  it('counts business days from kickoff to actual go-live, both inclusive', () => {
    expect(timeToValueDays({ kickoffDate: '2026-03-02', goLiveActualDate: '2026-03-06' })).toBe(5);
    expect(
      timeToValueDays({
        kickoffDate: new Date(Date.UTC(2026, 2, 3)),
        goLiveActualDate: new Date(Date.UTC(2026, 2, 16)),
      }),
    ).toBe(10);
  });

  it('is null until the account is live', () => {
    expect(timeToValueDays({ kickoffDate: '2026-03-02', goLiveActualDate: null })).toBeNull();
  });
});

describe('milestoneVelocity', () => {
  it('compares planned and actual business days for completed milestones only', () => {
    const rows = milestoneVelocity(
      [
        // Monday 09:00 to Friday 17:00 New York: 5 days, as planned.
        {
          position: 0,
          plannedDays: 5,
          status: 'completed',
          startedAt: new Date('2026-03-02T14:00:00Z'),
          completedAt: new Date('2026-03-06T22:00:00Z'),
        },
        // Friday evening New York is already Saturday in UTC; local dates count: Mon 9 → Fri 20 = 10.
        {
          position: 1,
          plannedDays: 7,
          status: 'completed',
          startedAt: new Date('2026-03-09T13:00:00Z'),
          completedAt: new Date('2026-03-21T01:00:00Z'),
        },
        {
          position: 2,
          plannedDays: 3,
          status: 'in_progress',
          startedAt: new Date('2026-03-23T13:00:00Z'),
          completedAt: null,
        },
        { position: 3, plannedDays: 3, status: 'pending', startedAt: null, completedAt: null },
      ],
      'America/New_York',
    );
    expect(rows).toEqual([
      { position: 0, plannedDays: 5, actualDays: 5, varianceDays: 0 },
      { position: 1, plannedDays: 7, actualDays: 10, varianceDays: 3 },
    ]);
  });
});

describe('actionCompletionRate', () => {
  it('is executed plus completed over all actions that were not skipped', () => {
    expect(
      actionCompletionRate([
        { status: 'completed' },
        { status: 'executed' },
        { status: 'ready' },
        { status: 'pending' },
        { status: 'skipped' },
        { status: 'skipped' },
      ]),
    ).toBe(0.5);
  });

  it('is null when every action was skipped or there are none', () => {
    expect(actionCompletionRate([{ status: 'skipped' }])).toBeNull();
    expect(actionCompletionRate([])).toBeNull();
  });
});

describe('recentEngagement', () => {
  const now = new Date('2026-03-10T12:00:00Z');
  it('counts events in the last N days, by kind', () => {
    const events = [
      { kind: 'portal_visit', at: new Date('2026-03-10T11:59:00Z') },
      { kind: 'portal_visit', at: new Date('2026-03-04T09:00:00Z') },
      { kind: 'form_submitted', at: new Date('2026-03-03T12:00:01Z') },
      { kind: 'email_reply', at: new Date('2026-03-03T12:00:00Z') }, // exactly 7 days ago: outside
      { kind: 'slack_reply', at: new Date('2026-03-10T12:00:01Z') }, // in the future: outside
    ];
    expect(recentEngagement(events, now, 7)).toEqual({ total: 3, byKind: { portal_visit: 2, form_submitted: 1 } });
  });

  it('refuses an empty window', () => {
    expect(() => recentEngagement([], now, 0)).toThrow(
      'The engagement window must be a positive number of days, got 0.',
    );
  });
});
