import { businessCalendar } from '../../../src/domain/business-days';
import { overrunDates } from '../../../src/domain/slip-attribution';
import { at, berlin, day, milestoneRow, newYork } from './account-record-builders';

const dates = (list: Date[]) => list.map((d) => d.toISOString().slice(0, 10));
const now = at('2026-06-01T12:00:00Z');

describe('overrunDates', () => {
  it('are the business dates past the first plannedDays, up to the completion date', () => {
    // Planned 5, started Monday 2026-03-02, completed the next Tuesday: Mon–Fri are the plan, the weekend does not
    // count, so the overrun is Monday 03-09 and Tuesday 03-10 (actual 7 − planned 5 = 2).
    const m = milestoneRow({
      id: 'm1',
      status: 'completed',
      plannedDays: 5,
      startedAt: at('2026-03-02T09:00:00Z'),
      completedAt: at('2026-03-10T15:00:00Z'),
    });
    expect(dates(overrunDates(m, now, berlin))).toEqual(['2026-03-09', '2026-03-10']);
  });

  it('are none for a milestone completed within its plan', () => {
    const m = milestoneRow({
      id: 'm1',
      status: 'completed',
      plannedDays: 5,
      startedAt: at('2026-03-02T09:00:00Z'),
      completedAt: at('2026-03-06T15:00:00Z'),
    });
    expect(overrunDates(m, now, berlin)).toEqual([]);
  });

  it('run up to today, included, while the milestone is open (in progress or blocked)', () => {
    // Planned 3 from Monday 03-02: Mon–Wed planned; today is Friday 03-06, so Thursday and Friday are overrun.
    const base = { id: 'm1', plannedDays: 3, startedAt: at('2026-03-02T09:00:00Z') };
    const friday = at('2026-03-06T10:00:00Z');
    expect(dates(overrunDates(milestoneRow({ ...base, status: 'in_progress' }), friday, berlin))).toEqual([
      '2026-03-05',
      '2026-03-06',
    ]);
    expect(dates(overrunDates(milestoneRow({ ...base, status: 'blocked' }), friday, berlin))).toEqual([
      '2026-03-05',
      '2026-03-06',
    ]);
  });

  it('are none for a milestone that has not started, or a completed one with no start on record', () => {
    expect(overrunDates(milestoneRow({ id: 'm1', status: 'pending' }), now, berlin)).toEqual([]);
    expect(
      overrunDates(
        milestoneRow({ id: 'm1', status: 'completed', completedAt: at('2026-05-01T09:00:00Z') }),
        now,
        berlin,
      ),
    ).toEqual([]);
  });

  it('count a weekend start from the next working day', () => {
    // Started Saturday 02-28, planned 2: Monday 03-02 and Tuesday 03-03 are the plan; completed Wednesday → 03-04.
    const m = milestoneRow({
      id: 'm1',
      status: 'completed',
      plannedDays: 2,
      startedAt: at('2026-02-28T10:00:00Z'),
      completedAt: at('2026-03-04T10:00:00Z'),
    });
    expect(dates(overrunDates(m, now, berlin))).toEqual(['2026-03-04']);
  });

  it('use local dates in New York across the spring-forward weekend, not UTC dates', () => {
    // Started Friday 2026-03-06 20:00 EST (Saturday 01:00Z), planned 1: Friday is the plan. Completed Monday 03-09
    // 20:00 EDT (Tuesday 00:00Z) after the clocks moved on Sunday: the overrun is Monday. In UTC it would have been
    // a Saturday start and a Tuesday finish, overrun Tuesday.
    const m = milestoneRow({
      id: 'm1',
      status: 'completed',
      plannedDays: 1,
      startedAt: at('2026-03-07T01:00:00Z'),
      completedAt: at('2026-03-10T00:00:00Z'),
    });
    expect(dates(overrunDates(m, now, newYork))).toEqual(['2026-03-09']);
  });

  it('use local dates in Berlin just after spring-forward', () => {
    // Started Monday 2026-03-30 00:30 CEST (Sunday 22:30Z), planned 1; completed Tuesday 00:30 CEST (Monday 22:30Z).
    const m = milestoneRow({
      id: 'm1',
      status: 'completed',
      plannedDays: 1,
      startedAt: at('2026-03-29T22:30:00Z'),
      completedAt: at('2026-03-30T22:30:00Z'),
    });
    expect(dates(overrunDates(m, now, berlin))).toEqual(['2026-03-31']);
  });

  it("follow the organisation's working days", () => {
    // Sunday to Thursday. Started Thursday 03-05, planned 2: Thursday and Sunday 03-08 are the plan (Friday and
    // Saturday are days off); completed Monday 03-09, which is the overrun.
    const calendar = businessCalendar('Asia/Jerusalem', [7, 1, 2, 3, 4]);
    const m = milestoneRow({
      id: 'm1',
      status: 'completed',
      plannedDays: 2,
      startedAt: at('2026-03-05T07:00:00Z'),
      completedAt: at('2026-03-09T12:00:00Z'),
    });
    expect(dates(overrunDates(m, now, calendar))).toEqual(['2026-03-09']);
  });

  it('with no planned days, every business date it took is overrun', () => {
    const m = milestoneRow({
      id: 'm1',
      status: 'completed',
      plannedDays: 0,
      plannedEndDate: day('2026-03-02'),
      startedAt: at('2026-03-02T09:00:00Z'),
      completedAt: at('2026-03-03T09:00:00Z'),
    });
    expect(dates(overrunDates(m, now, berlin))).toEqual(['2026-03-02', '2026-03-03']);
  });
});
