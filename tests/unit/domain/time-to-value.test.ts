import { timeToValue } from '../../../src/domain/account-metrics';
import { at, berlin, day, milestoneRow } from './account-record-builders';

const ymd = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;

// A plan from kickoff Monday 2026-03-02, 10 business days: Setup 5 (03-02–03-06), Integration 3 (03-09–03-11),
// Training 2 (03-12–03-13). Setup ran late and completed Tuesday 03-10; Integration started then.
const setup = milestoneRow({
  id: 'm1',
  position: 0,
  status: 'completed',
  plannedDays: 5,
  plannedStartDate: day('2026-03-02'),
  plannedEndDate: day('2026-03-06'),
  startedAt: at('2026-03-02T08:00:00Z'),
  completedAt: at('2026-03-10T14:00:00Z'),
});
const integration = milestoneRow({
  id: 'm2',
  position: 1,
  status: 'in_progress',
  plannedDays: 3,
  plannedStartDate: day('2026-03-09'),
  plannedEndDate: day('2026-03-11'),
  startedAt: at('2026-03-10T14:00:00Z'),
});
const training = milestoneRow({
  id: 'm3',
  position: 2,
  plannedDays: 2,
  plannedStartDate: day('2026-03-12'),
  plannedEndDate: day('2026-03-13'),
});
const plan = [setup, integration, training];
const account = { kickoffDate: day('2026-03-02'), goLiveActualDate: null };

describe('timeToValue', () => {
  it('once live: business dates kickoff to go-live, both inclusive, against the sum of planned days', () => {
    // Kickoff Monday 03-02, live Friday 03-13: two full weeks = 10, as planned.
    const live = { kickoffDate: day('2026-03-02'), goLiveActualDate: day('2026-03-13') };
    expect(timeToValue(live, plan, at('2026-03-20T12:00:00Z'), berlin)).toEqual({
      plannedDays: 10,
      actualDays: 10,
      projectedGoLive: null,
      projectedDays: null,
    });
  });

  it('while open: projects go-live through the chain of expected ends', () => {
    // Wednesday 03-11. Integration started Tuesday, so with 3 days it ends Thursday 03-12 (later than its planned
    // Wednesday). Training starts the working day after, Friday 03-13, and takes 2: Monday 03-16.
    // Kickoff → 03-16 is 11 business dates: one day later than the plan's 10.
    const ttv = timeToValue(account, plan, at('2026-03-11T10:00:00Z'), berlin);
    expect(ttv).toMatchObject({ plannedDays: 10, actualDays: null, projectedDays: 11 });
    expect(ymd(ttv.projectedGoLive)).toBe('2026-03-16');
  });

  it('an open milestone past its planned end cannot end before today', () => {
    // Wednesday 03-18: Integration should have ended 03-12 but is still open, so it ends today at the earliest;
    // Training is Thursday and Friday: go-live 03-20, 15 business dates from kickoff.
    const ttv = timeToValue(account, plan, at('2026-03-18T10:00:00Z'), berlin);
    expect(ymd(ttv.projectedGoLive)).toBe('2026-03-20');
    expect(ttv.projectedDays).toBe(15);
  });

  it('on a day off, "today" is the next working day', () => {
    // Saturday 03-14: Integration ends Monday 03-16 at the earliest, Training Tuesday and Wednesday → 03-18, 13 days.
    const ttv = timeToValue(account, plan, at('2026-03-14T10:00:00Z'), berlin);
    expect(ymd(ttv.projectedGoLive)).toBe('2026-03-18');
    expect(ttv.projectedDays).toBe(13);
  });

  it('a plan not started yet is projected from today, never in the past', () => {
    // Nothing started by Wednesday 03-18: Setup 03-18–03-24, Integration 03-25–03-27, Training 03-30–03-31, which
    // is 22 business dates from the kickoff 03-02.
    const notStarted = plan.map((m) => ({ ...m, status: 'pending' as const, startedAt: null, completedAt: null }));
    const ttv = timeToValue(account, notStarted, at('2026-03-18T10:00:00Z'), berlin);
    expect(ymd(ttv.projectedGoLive)).toBe('2026-03-31');
    expect(ttv.projectedDays).toBe(22);
  });

  it('a plan still ahead keeps its planned dates', () => {
    const notStarted = plan.map((m) => ({ ...m, status: 'pending' as const, startedAt: null, completedAt: null }));
    const ttv = timeToValue(account, notStarted, at('2026-02-25T10:00:00Z'), berlin);
    expect(ymd(ttv.projectedGoLive)).toBe('2026-03-13');
    expect(ttv.projectedDays).toBe(10);
  });

  it('has nothing to project without milestones', () => {
    expect(timeToValue(account, [], at('2026-03-11T10:00:00Z'), berlin)).toEqual({
      plannedDays: 0,
      actualDays: null,
      projectedGoLive: null,
      projectedDays: null,
    });
  });
});
