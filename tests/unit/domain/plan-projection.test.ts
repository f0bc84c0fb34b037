import fc from 'fast-check';
import { businessCalendar } from '../../../src/domain/business-days';
import { addBusinessDaysToDate, businessDatesBetween } from '../../../src/domain/calendar-date';
import {
  earliestStartAfter,
  expectedEndDate,
  plannedGoLive,
  pushFollowingMilestones,
  shiftMilestone,
  type ProjectedMilestone,
} from '../../../src/domain/plan-projection';

const UTC = businessCalendar('UTC');
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const day = (date: Date) => date.toISOString().slice(0, 10);

/** Kickoff (5 days) Mon 2 – Fri 6 Mar 2026, Setup (10) 9 – 20 Mar, Training (5) 23 – 27 Mar: laid end to end. */
function plan(over: Partial<ProjectedMilestone>[] = []): ProjectedMilestone[] {
  const base: ProjectedMilestone[] = [
    {
      id: 'a',
      name: 'Kickoff',
      status: 'in_progress',
      plannedDays: 5,
      plannedStartDate: d('2026-03-02'),
      plannedEndDate: d('2026-03-06'),
      startedAt: new Date('2026-03-02T09:00:00Z'),
      completedAt: null,
    },
    {
      id: 'b',
      name: 'Setup',
      status: 'pending',
      plannedDays: 10,
      plannedStartDate: d('2026-03-09'),
      plannedEndDate: d('2026-03-20'),
      startedAt: null,
      completedAt: null,
    },
    {
      id: 'c',
      name: 'Training',
      status: 'pending',
      plannedDays: 5,
      plannedStartDate: d('2026-03-23'),
      plannedEndDate: d('2026-03-27'),
      startedAt: null,
      completedAt: null,
    },
  ];
  return base.map((m, i) => ({ ...m, ...over[i] }));
}

const spans = (changes: { id: string; plannedStartDate: Date; plannedEndDate: Date }[]) =>
  changes.map((c) => `${c.id} ${day(c.plannedStartDate)}…${day(c.plannedEndDate)}`);

describe('re-projecting planned dates after what actually happened', () => {
  it('a late finish pushes the milestones after the one it started out by the slip', () => {
    // Kickoff completes Wed 11 Mar (three business days late); Setup starts then and needs its 10 days.
    const now = new Date('2026-03-11T15:00:00Z');
    const after = plan([
      { status: 'completed', completedAt: now },
      { status: 'in_progress', startedAt: now },
    ]);
    expect(spans(pushFollowingMilestones(after, 0, UTC))).toEqual(['c 2026-03-25…2026-03-31']);
  });

  it('keeps the planned dates of a milestone that has started: they are what its actual dates are measured against', () => {
    const now = new Date('2026-03-11T15:00:00Z');
    const after = plan([
      { status: 'completed', completedAt: now },
      { status: 'in_progress', startedAt: now },
    ]);
    expect(pushFollowingMilestones(after, 0, UTC).map((c) => c.id)).not.toContain('b');
  });

  it('an early finish does not pull the plan in', () => {
    const now = new Date('2026-03-04T15:00:00Z');
    const after = plan([
      { status: 'completed', completedAt: now },
      { status: 'in_progress', startedAt: now },
    ]);
    expect(pushFollowingMilestones(after, 0, UTC)).toEqual([]);
  });

  it('a late start alone pushes the milestones after it', () => {
    // Setup starts Fri 13 Mar instead of Mon 9 Mar: it now ends Thu 26 Mar, so Training starts Fri 27 Mar.
    const after = plan([{}, { status: 'in_progress', startedAt: new Date('2026-03-13T09:00:00Z') }]);
    expect(spans(pushFollowingMilestones(after, 1, UTC))).toEqual(['c 2026-03-27…2026-04-02']);
  });

  it('a gap the CSM left between milestones absorbs a slip before anything moves', () => {
    const now = new Date('2026-03-11T15:00:00Z');
    const after = plan([
      { status: 'completed', completedAt: now },
      { status: 'in_progress', startedAt: now },
      { plannedStartDate: d('2026-03-30'), plannedEndDate: d('2026-04-03') },
    ]);
    expect(pushFollowingMilestones(after, 0, UTC)).toEqual([]);
  });

  it('a blocked milestone that started late still pushes what follows', () => {
    const after = plan([{}, { status: 'blocked', startedAt: new Date('2026-03-13T09:00:00Z') }]);
    expect(expectedEndDate(after[1]!, UTC)).toEqual(d('2026-03-26'));
  });

  it('follows the organisation’s own working week', () => {
    const monToThu = businessCalendar('UTC', [1, 2, 3, 4]);
    const now = new Date('2026-03-11T15:00:00Z'); // Wednesday
    const after = plan([
      { status: 'completed', completedAt: now },
      { status: 'in_progress', startedAt: now },
    ]);
    // Setup: Wed 11 + 9 working days (Mon–Thu) ends Thu 26 Mar; Training starts Mon 30 and ends Mon 6 Apr.
    expect(spans(pushFollowingMilestones(after, 0, monToThu))).toEqual(['c 2026-03-30…2026-04-06']);
  });
});

describe('shifting a milestone by hand', () => {
  it('moves it and every later milestone not started by as many business days', () => {
    const shifted = shiftMilestone(plan(), 1, d('2026-03-11'), UTC);
    expect(shifted.ok && spans(shifted.value)).toEqual(['b 2026-03-11…2026-03-24', 'c 2026-03-25…2026-03-31']);
  });

  it('moves earlier too, gaps kept', () => {
    const gapped = plan([
      {},
      { plannedStartDate: d('2026-03-16'), plannedEndDate: d('2026-03-27') },
      { plannedStartDate: d('2026-04-06'), plannedEndDate: d('2026-04-10') },
    ]);
    const shifted = shiftMilestone(gapped, 1, d('2026-03-09'), UTC);
    expect(shifted.ok && spans(shifted.value)).toEqual(['b 2026-03-09…2026-03-20', 'c 2026-03-30…2026-04-03']);
  });

  it('a start on a day off counts as the next working day', () => {
    const shifted = shiftMilestone(plan(), 1, d('2026-03-14'), UTC); // Saturday
    expect(shifted.ok && spans(shifted.value)[0]).toBe('b 2026-03-16…2026-03-27');
  });

  it('refuses a start before the milestone before it is expected to end, naming the earliest day', () => {
    const shifted = shiftMilestone(plan(), 1, d('2026-03-05'), UTC);
    expect(shifted).toEqual({
      ok: false,
      message: 'Setup cannot start before Kickoff is expected to end; the earliest start is 2026-03-09.',
    });
  });

  it('refuses to shift a completed milestone', () => {
    const done = plan([{ status: 'completed', completedAt: new Date('2026-03-06T12:00:00Z') }]);
    expect(shiftMilestone(done, 0, d('2026-03-09'), UTC)).toEqual({
      ok: false,
      message: 'Kickoff is completed; its dates are history and cannot be shifted.',
    });
  });

  it('the planned go-live follows the last milestone', () => {
    const milestones = plan();
    const shifted = shiftMilestone(milestones, 0, d('2026-03-04'), UTC);
    expect(shifted.ok && day(plannedGoLive(milestones, shifted.value)!)).toBe('2026-03-31');
    expect(day(plannedGoLive(milestones, [])!)).toBe('2026-03-27');
  });
});

describe('re-projection, whatever happened (properties)', () => {
  /** A plan of 2–6 milestones laid end to end, some started or completed in order, with late or early events. */
  const plans = fc
    .record({
      days: fc.array(fc.integer({ min: 1, max: 15 }), { minLength: 2, maxLength: 6 }),
      done: fc.integer({ min: 0, max: 5 }),
      /** Business days each completion and the current start were late (negative: early). */
      slips: fc.array(fc.integer({ min: -3, max: 20 }), { minLength: 6, maxLength: 6 }),
      workingDays: fc.constantFrom([1, 2, 3, 4, 5], [1, 2, 3, 4], [7, 1, 2, 3, 4]),
    })
    .map(({ days, done, slips, workingDays }) => {
      const calendar = businessCalendar('UTC', workingDays);
      let start = d('2026-03-02');
      const milestones: ProjectedMilestone[] = days.map((n, i) => {
        const plannedStartDate = addBusinessDaysToDate(start, 0, workingDays);
        const plannedEndDate = addBusinessDaysToDate(plannedStartDate, n - 1, workingDays);
        start = addBusinessDaysToDate(plannedEndDate, 1, workingDays);
        return {
          id: `m${i}`,
          name: `M${i}`,
          status: 'pending',
          plannedDays: n,
          plannedStartDate,
          plannedEndDate,
          startedAt: null,
          completedAt: null,
        };
      });
      const completed = Math.min(done, milestones.length - 1);
      for (let i = 0; i <= completed; i++) {
        const m = milestones[i]!;
        const startedAt = addBusinessDaysToDate(m.plannedStartDate, Math.max(0, slips[i]!), workingDays);
        const end = addBusinessDaysToDate(m.plannedEndDate, slips[i]!, workingDays);
        milestones[i] =
          i < completed
            ? {
                ...m,
                status: 'completed',
                startedAt,
                completedAt: new Date(Math.max(end.getTime(), startedAt.getTime()) + 15 * 3600_000),
              }
            : { ...m, status: 'in_progress', startedAt };
      }
      return { milestones, calendar, current: completed };
    });

  const apply = (
    list: readonly ProjectedMilestone[],
    changes: { id: string; plannedStartDate: Date; plannedEndDate: Date }[],
  ) => list.map((m) => ({ ...m, ...changes.find((c) => c.id === m.id) }));

  it('never moves a milestone earlier, never touches one that started, and leaves no pending milestone before the one it follows ends', () => {
    fc.assert(
      fc.property(plans, ({ milestones, calendar, current }) => {
        const changes = pushFollowingMilestones(milestones, current, calendar);
        const after = apply(milestones, changes);
        for (const [i, m] of after.entries()) {
          const before = milestones[i]!;
          expect(m.plannedStartDate.getTime()).toBeGreaterThanOrEqual(before.plannedStartDate.getTime());
          if (before.status !== 'pending') expect(m).toEqual(before);
          if (i > current && m.status === 'pending')
            expect(m.plannedStartDate.getTime()).toBeGreaterThanOrEqual(
              earliestStartAfter(after[i - 1]!, calendar).getTime(),
            );
        }
      }),
    );
  });

  it('a shift keeps every milestone’s length in business days and moves pending ones after it by the same amount or more', () => {
    fc.assert(
      fc.property(plans, fc.integer({ min: 0, max: 30 }), ({ milestones, calendar, current }, by) => {
        const index = current + 1 < milestones.length ? current + 1 : current;
        const target = milestones[index]!;
        const wanted = addBusinessDaysToDate(
          earliestStartAfter(milestones[index - 1] ?? target, calendar),
          by,
          calendar.workingDays,
        );
        const shifted = shiftMilestone(milestones, index, index === 0 ? target.plannedStartDate : wanted, calendar);
        expect(shifted.ok).toBe(true);
        if (!shifted.ok) return;
        const after = apply(milestones, shifted.value);
        const delta = businessDatesBetween(
          target.plannedStartDate,
          after[index]!.plannedStartDate,
          calendar.workingDays,
        );
        for (const [j, m] of after.entries()) {
          expect(businessDatesBetween(m.plannedStartDate, m.plannedEndDate, calendar.workingDays)).toBe(
            m.plannedDays - 1,
          );
          if (j > index && m.status === 'pending')
            expect(
              businessDatesBetween(milestones[j]!.plannedStartDate, m.plannedStartDate, calendar.workingDays),
            ).toBeGreaterThanOrEqual(delta);
        }
      }),
    );
  });
});
