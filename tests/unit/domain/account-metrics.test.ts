import {
  accountMetrics,
  actionCompletion,
  engagement,
  milestoneVelocityRows,
} from '../../../src/domain/account-metrics';
import type { ActionRow } from '../../../src/domain/account-record';
import { actionRow, at, berlin, day, milestoneRow, newYork } from './account-record-builders';

describe('milestoneVelocityRows', () => {
  it('compares actual with planned days for completed milestones, preferring the days recorded at completion', () => {
    const rows = milestoneVelocityRows(
      [
        // Recorded 7 at completion: 2 days late.
        milestoneRow({
          id: 'a',
          name: 'Kickoff',
          status: 'completed',
          plannedDays: 5,
          actualDays: 7,
          startedAt: at('2026-03-02T14:00:00Z'),
          completedAt: at('2026-03-06T21:00:00Z'),
        }),
        // Nothing recorded: Monday 09:00 to Friday 16:00 New York is 5 business dates, as planned.
        milestoneRow({
          id: 'b',
          name: 'Setup',
          status: 'completed',
          plannedDays: 5,
          startedAt: at('2026-03-02T14:00:00Z'),
          completedAt: at('2026-03-06T21:00:00Z'),
        }),
      ],
      at('2026-03-20T12:00:00Z'),
      newYork,
    );
    expect(rows.map((r) => [r.name, r.actualDays, r.elapsedDays, r.varianceDays])).toEqual([
      ['Kickoff', 7, null, 2],
      ['Setup', 5, null, 0],
    ]);
  });

  it('shows an open milestone the days elapsed so far, in local dates', () => {
    // Started Thursday 2026-03-05 20:00 EST (Friday 01:00Z); now Friday 18:00 EST (23:00Z): Thursday and Friday in
    // New York = 2 days of 3 planned (UTC dates would say 1).
    const rows = milestoneVelocityRows(
      [
        milestoneRow({ id: 'c', status: 'in_progress', plannedDays: 3, startedAt: at('2026-03-06T01:00:00Z') }),
        milestoneRow({ id: 'd', status: 'blocked', plannedDays: 1, startedAt: at('2026-03-06T01:00:00Z') }),
        milestoneRow({ id: 'e', status: 'pending', plannedDays: 2 }),
      ],
      at('2026-03-06T23:00:00Z'),
      newYork,
    );
    expect(rows.map((r) => [r.id, r.status, r.actualDays, r.elapsedDays, r.varianceDays])).toEqual([
      ['c', 'in_progress', null, 2, -1],
      ['d', 'blocked', null, 2, 1],
      ['e', 'pending', null, null, null],
    ]);
  });
});

describe('actionCompletion', () => {
  const sent = (over: Partial<ActionRow> & Pick<ActionRow, 'key'>) => actionRow({ status: 'executed', ...over });
  // Berlin, winter time. Answered in 18 business hours (Friday 15:00 → Monday 09:00: the weekend does not count),
  // 4 hours (Monday 09:00 → 13:00) and 30 hours (Tuesday 09:00 → Wednesday 15:00): median 18.
  const actions = [
    sent({
      key: 'mail',
      type: 'email',
      status: 'completed',
      executedAt: at('2026-03-06T14:00:00Z'),
      completedAt: at('2026-03-09T08:00:00Z'),
    }),
    sent({
      key: 'form',
      type: 'portal_form',
      status: 'completed',
      executedAt: at('2026-03-02T08:00:00Z'),
      completedAt: at('2026-03-02T12:00:00Z'),
    }),
    sent({
      key: 'dm',
      type: 'slack_message',
      status: 'completed',
      executedAt: at('2026-03-03T08:00:00Z'),
      completedAt: at('2026-03-04T14:00:00Z'),
    }),
    sent({ key: 'doc', type: 'portal_document', executedAt: at('2026-03-05T08:00:00Z') }),
    // Not customer-facing, or not sent: not counted.
    sent({
      key: 'task',
      type: 'internal_task',
      status: 'completed',
      executedAt: at('2026-03-02T08:00:00Z'),
      completedAt: at('2026-03-02T09:00:00Z'),
    }),
    actionRow({ key: 'draft', type: 'email', status: 'ready' }),
    actionRow({ key: 'skipped', type: 'email', status: 'skipped' }),
  ];

  it('counts customer-facing actions sent and answered, the rate, and the median answer time in business hours', () => {
    // 4 sent, 3 answered: 0.75.
    expect(actionCompletion(actions, berlin)).toEqual({
      executed: 4,
      completedByCustomer: 3,
      rate: 0.75,
      medianBusinessHours: 18,
    });
  });

  it('takes the mean of the middle two for an even count', () => {
    // 4, 18, 30, 40 → (18 + 30) / 2 = 24. The fourth: Monday 09:00 → Wednesday 01:00 = Mon 15 + Tue 24 + Wed 1 = 40 hours.
    const fourth = sent({
      key: 'late',
      type: 'email',
      status: 'completed',
      executedAt: at('2026-03-16T08:00:00Z'),
      completedAt: at('2026-03-18T00:00:00Z'),
    });
    expect(actionCompletion([...actions, fourth], berlin).medianBusinessHours).toBe(24);
  });

  it('has no rate and no median when nothing was sent', () => {
    expect(actionCompletion([actionRow({ key: 'draft', status: 'ready' })], berlin)).toEqual({
      executed: 0,
      completedByCustomer: 0,
      rate: null,
      medianBusinessHours: null,
    });
  });
});

describe('engagement', () => {
  it('counts visits, submissions, uploads and replies, and business days since the last event', () => {
    // Last event Friday 03-06 16:00 Berlin; now Monday 03-09: 1 business day (the weekend does not count).
    const events = [
      { kind: 'portal_visit' as const, at: at('2026-03-02T09:00:00Z') },
      { kind: 'portal_visit' as const, at: at('2026-03-03T09:00:00Z') },
      { kind: 'form_submitted' as const, at: at('2026-03-06T15:00:00Z') },
      { kind: 'document_uploaded' as const, at: at('2026-03-04T09:00:00Z') },
      { kind: 'email_reply' as const, at: at('2026-03-05T09:00:00Z') },
      { kind: 'slack_reply' as const, at: at('2026-03-05T10:00:00Z') },
    ];
    expect(engagement(events, at('2026-03-09T10:00:00Z'), berlin)).toEqual({
      portalVisits: 2,
      submissions: 1,
      uploads: 1,
      replies: 2,
      lastEventAt: at('2026-03-06T15:00:00Z'),
      businessDaysSinceLast: 1,
    });
  });

  it('has no last event and no days since with no events', () => {
    expect(engagement([], at('2026-03-09T10:00:00Z'), berlin)).toEqual({
      portalVisits: 0,
      submissions: 0,
      uploads: 0,
      replies: 0,
      lastEventAt: null,
      businessDaysSinceLast: null,
    });
  });
});

describe('accountMetrics', () => {
  it('computes all four from one record', () => {
    const metrics = accountMetrics(
      {
        account: { kickoffDate: day('2026-03-02'), goLiveActualDate: day('2026-03-06') },
        milestones: [milestoneRow({ id: 'm1', status: 'completed', plannedDays: 5, actualDays: 5 })],
        actions: [actionRow({ key: 'mail', status: 'executed', executedAt: at('2026-03-02T09:00:00Z') })],
        events: [{ kind: 'portal_visit', at: at('2026-03-04T09:00:00Z') }],
      },
      at('2026-03-09T10:00:00Z'),
      berlin,
    );
    expect(metrics.timeToValue).toMatchObject({ plannedDays: 5, actualDays: 5 });
    expect(metrics.velocity).toHaveLength(1);
    expect(metrics.actionCompletion).toMatchObject({ executed: 1, completedByCustomer: 0, rate: 0 });
    expect(metrics.engagement).toMatchObject({ portalVisits: 1, businessDaysSinceLast: 3 });
  });
});
