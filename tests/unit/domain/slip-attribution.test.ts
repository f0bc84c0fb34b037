import type { AttributedSlipDay } from '../../../src/domain/onboarding-clock-types';
import { attributeSlip, slipSentence, summariseSlip } from '../../../src/domain/slip-attribution';
import { waitingPeriodsFrom } from '../../../src/domain/waiting-periods';
import { actionRow, at, berlin, blockRow, milestoneRow, waiting } from './account-record-builders';

const row = (d: AttributedSlipDay) => [d.date.toISOString().slice(0, 10), d.side, d.reason, d.actionKey, d.milestoneId];

// Berlin in March 2026 is UTC+1 until the 29th. Technical Setup: planned 5, started Monday 03-02 09:00, completed
// Tuesday 03-10 15:00, so its overrun dates are Monday 03-09 and Tuesday 03-10.
const setup = milestoneRow({
  id: 'm1',
  name: 'Technical Setup',
  status: 'completed',
  plannedDays: 5,
  startedAt: at('2026-03-02T08:00:00Z'),
  completedAt: at('2026-03-10T14:00:00Z'),
});
const now = at('2026-03-20T12:00:00Z');
const ssoSince = at('2026-03-05T08:00:00Z');

describe('attributeSlip', () => {
  it('gives each overrun date to the oldest item open that day (worked example from the rows)', () => {
    // The SSO form went out Thursday 03-05 and was answered Tuesday 03-10 11:00; an internal task has waited on us
    // since Friday 03-06. On both overrun days both were open; the form is older, so both days are the customer's:
    // "2 days behind: 2 customer".
    const periods = waitingPeriodsFrom({
      milestones: [setup],
      actions: [
        actionRow({
          key: 'sso_form',
          type: 'portal_form',
          status: 'completed',
          firedAt: at('2026-03-05T07:00:00Z'),
          executedAt: ssoSince,
          completedAt: at('2026-03-10T10:00:00Z'),
        }),
        actionRow({ key: 'provision', type: 'internal_task', status: 'ready', firedAt: at('2026-03-06T08:00:00Z') }),
      ],
      submissions: [],
      blocks: [],
    });
    const days = attributeSlip({ milestones: [setup], periods, now, calendar: berlin });
    expect(days.map(row)).toEqual([
      ['2026-03-09', 'customer', 'waiting', 'sso_form', 'm1'],
      ['2026-03-10', 'customer', 'waiting', 'sso_form', 'm1'],
    ]);
    expect(slipSentence(summariseSlip(days))).toBe('2 days behind: 2 customer');
  });

  it("a block of the milestone covering the day wins over an older waiting item: the day is the block cause's", () => {
    // Blocked (cause: us) from Monday 16:00 to Tuesday 10:00 local: it touches both local days, so both are ours,
    // although the customer's SSO form had waited longer.
    const periods = [
      waiting({ startedAt: ssoSince }),
      waiting({
        side: 'us',
        kind: 'block',
        actionKey: null,
        startedAt: at('2026-03-09T15:00:00Z'),
        endedAt: at('2026-03-10T09:00:00Z'),
      }),
    ];
    expect(attributeSlip({ milestones: [setup], periods, now, calendar: berlin }).map(row)).toEqual([
      ['2026-03-09', 'us', 'block', null, 'm1'],
      ['2026-03-10', 'us', 'block', null, 'm1'],
    ]);
  });

  it('a block that ends before local midnight leaves the next day to the waiting items', () => {
    // Unblocked Monday 23:30 Berlin (22:30Z): Tuesday goes back to the SSO form.
    const periods = [
      waiting({ startedAt: ssoSince }),
      waiting({
        side: 'us',
        kind: 'block',
        actionKey: null,
        startedAt: at('2026-03-09T15:00:00Z'),
        endedAt: at('2026-03-09T22:30:00Z'),
      }),
    ];
    expect(attributeSlip({ milestones: [setup], periods, now, calendar: berlin }).map(row)).toEqual([
      ['2026-03-09', 'us', 'block', null, 'm1'],
      ['2026-03-10', 'customer', 'waiting', 'sso_form', 'm1'],
    ]);
  });

  it('of two blocks overlapping a day, the earlier started decides', () => {
    // A third party blocked it from Friday until Monday 13:00; the customer's block started Monday 12:00 and stays.
    // Monday: both overlap, the third party's started first. Tuesday: only the customer's.
    const periods = [
      waiting({ side: 'customer', kind: 'block', actionKey: null, startedAt: at('2026-03-09T11:00:00Z') }),
      waiting({
        side: 'third_party',
        kind: 'block',
        actionKey: null,
        startedAt: at('2026-03-06T10:00:00Z'),
        endedAt: at('2026-03-09T12:00:00Z'),
      }),
    ];
    expect(attributeSlip({ milestones: [setup], periods, now, calendar: berlin }).map(row)).toEqual([
      ['2026-03-09', 'third_party', 'block', null, 'm1'],
      ['2026-03-10', 'customer', 'block', null, 'm1'],
    ]);
  });

  it("another milestone's block does not decide this milestone's days", () => {
    const periods = [
      waiting({ side: 'customer', kind: 'block', actionKey: null, milestoneId: 'm2', startedAt: ssoSince }),
    ];
    expect(attributeSlip({ milestones: [setup], periods, now, calendar: berlin }).map(row)).toEqual([
      ['2026-03-09', 'us', 'nothing_open', null, 'm1'],
      ['2026-03-10', 'us', 'nothing_open', null, 'm1'],
    ]);
  });

  it('waiting items of any milestone of the account count', () => {
    const periods = [waiting({ milestoneId: 'm2', actionKey: 'contract', startedAt: ssoSince })];
    expect(attributeSlip({ milestones: [setup], periods, now, calendar: berlin })[0]).toMatchObject({
      side: 'customer',
      reason: 'waiting',
      actionKey: 'contract',
      milestoneId: 'm1',
    });
  });

  it('a tie on the start goes to us', () => {
    // The customer's key sorts first and comes first, so only the side can decide for us.
    const periods = [
      waiting({ side: 'customer', actionKey: 'a_form', startedAt: ssoSince }),
      waiting({ side: 'us', kind: 'submission_review', actionKey: 'security_review', startedAt: ssoSince }),
    ];
    const days = attributeSlip({ milestones: [setup], periods, now, calendar: berlin });
    expect(days.map((d) => [d.side, d.actionKey])).toEqual([
      ['us', 'security_review'],
      ['us', 'security_review'],
    ]);
  });

  it('with nothing open on a day, the day is ours: nothing was asked of anyone', () => {
    // Closed before Monday, or opened after Tuesday: neither is open on an overrun day.
    const periods = [
      waiting({ startedAt: ssoSince, endedAt: at('2026-03-06T12:00:00Z') }),
      waiting({ startedAt: at('2026-03-10T23:00:00Z') }),
    ];
    expect(attributeSlip({ milestones: [setup], periods, now, calendar: berlin }).map(row)).toEqual([
      ['2026-03-09', 'us', 'nothing_open', null, 'm1'],
      ['2026-03-10', 'us', 'nothing_open', null, 'm1'],
    ]);
  });

  it("takes the day as the organisation's local day across Berlin's spring-forward", () => {
    // Planned 1, started Friday 03-27, completed Monday 03-30 (CEST, UTC+2): Monday is overrun, and Monday starts at
    // 22:00Z on Sunday. The customer's item ended exactly then (not on Monday); ours ended at 00:30 Monday, so
    // Monday is ours, although the customer's item is older.
    const m = milestoneRow({
      id: 'm1',
      status: 'completed',
      plannedDays: 1,
      startedAt: at('2026-03-27T08:00:00Z'),
      completedAt: at('2026-03-30T12:00:00Z'),
    });
    const periods = [
      waiting({ startedAt: at('2026-03-26T08:00:00Z'), endedAt: at('2026-03-29T22:00:00Z') }),
      waiting({
        side: 'us',
        kind: 'draft_review',
        actionKey: 'agenda',
        startedAt: at('2026-03-27T08:00:00Z'),
        endedAt: at('2026-03-29T22:30:00Z'),
      }),
    ];
    expect(
      attributeSlip({ milestones: [m], periods, now: at('2026-04-10T12:00:00Z'), calendar: berlin }).map(row),
    ).toEqual([['2026-03-30', 'us', 'waiting', 'agenda', 'm1']]);
  });

  it('counts a date two milestones overran once, for the earlier milestone', () => {
    // Kickoff (planned 1) ran Monday to Wednesday: Tuesday and Wednesday overrun. Setup (planned 0, so every day is
    // overrun) started Wednesday and is open on Thursday: Wednesday is already Kickoff's, Thursday is Setup's.
    const kickoff = milestoneRow({
      id: 'kickoff',
      status: 'completed',
      plannedDays: 1,
      startedAt: at('2026-03-02T08:00:00Z'),
      completedAt: at('2026-03-04T12:00:00Z'),
    });
    const open = milestoneRow({
      id: 'setup',
      status: 'in_progress',
      plannedDays: 0,
      startedAt: at('2026-03-04T12:00:00Z'),
    });
    const days = attributeSlip({
      milestones: [kickoff, open],
      periods: [],
      now: at('2026-03-05T12:00:00Z'),
      calendar: berlin,
    });
    expect(days.map((d) => [d.date.toISOString().slice(0, 10), d.milestoneId])).toEqual([
      ['2026-03-03', 'kickoff'],
      ['2026-03-04', 'kickoff'],
      ['2026-03-05', 'setup'],
    ]);
  });

  it('is on track with no overrun', () => {
    const onTime = milestoneRow({
      id: 'm1',
      status: 'in_progress',
      plannedDays: 5,
      startedAt: at('2026-03-02T08:00:00Z'),
    });
    const days = attributeSlip({
      milestones: [onTime],
      periods: [],
      now: at('2026-03-06T16:00:00Z'),
      calendar: berlin,
    });
    expect(days).toEqual([]);
    expect(slipSentence(summariseSlip(days))).toBe('On track');
  });
});

describe('a blocked milestone open today', () => {
  it('charges today to the open block', () => {
    const blocked = milestoneRow({
      id: 'm1',
      status: 'blocked',
      plannedDays: 2,
      startedAt: at('2026-03-02T08:00:00Z'),
    });
    const periods = waitingPeriodsFrom({
      milestones: [blocked],
      actions: [],
      submissions: [],
      blocks: [blockRow({ cause: 'third_party', startedAt: at('2026-03-03T15:00:00Z') })],
    });
    // Planned Monday and Tuesday; today is Thursday: Wednesday and Thursday are the third party's.
    const days = attributeSlip({ milestones: [blocked], periods, now: at('2026-03-05T10:00:00Z'), calendar: berlin });
    expect(slipSentence(summariseSlip(days))).toBe('2 days behind: 2 third party');
  });
});
