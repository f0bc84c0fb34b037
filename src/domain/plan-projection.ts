/**
 * Keeping an account's planned milestone dates true as the onboarding runs and as the CSM changes the plan.
 *
 * Planned dates are calendar dates (UTC midnight), both inclusive, over the organisation's working days; a
 * milestone lasts `plannedDays` business dates (plan.ts lays them out end to end from the kickoff). Rules:
 *
 * - A milestone that has started or completed keeps its planned dates unless the CSM shifts it by hand: they are
 *   what its actual dates are measured against (the timeline shows both).
 * - What a milestone means for the ones after it is when it is expected to end: the day it completed; for one in
 *   progress or blocked, its planned end, or later when it started late (its start + plannedDays − 1); for one
 *   still pending, its planned end.
 * - A milestone that has not started never starts, on paper, before the working day after the one before it is
 *   expected to end. Actual events (a milestone completing or starting late) only push later milestones out; an
 *   early finish does not pull the plan in, and a gap the CSM left between milestones absorbs a slip first.
 * - Shifting a milestone (or the kickoff, which shifts the first) moves it and every later milestone that has not
 *   started by the same number of business days, gaps kept, then applies the rule above.
 */
import { localDateOf, type BusinessCalendar } from './business-days';
import { addBusinessDaysToDate, businessDatesBetween, rollToBusinessDate } from './calendar-date';
import { accepted, refused, type Checked } from './checked';
import type { MilestoneStatus } from './milestone-state';

export interface ProjectedMilestone {
  id: string;
  name: string;
  status: MilestoneStatus;
  plannedDays: number;
  plannedStartDate: Date;
  plannedEndDate: Date;
  startedAt: Date | null;
  completedAt: Date | null;
}

/** New planned dates for one milestone. */
export interface MilestoneDates {
  id: string;
  plannedStartDate: Date;
  plannedEndDate: Date;
}

function later(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}

function endFrom(start: Date, plannedDays: number, calendar: BusinessCalendar): Date {
  return addBusinessDaysToDate(start, Math.max(1, plannedDays) - 1, calendar.workingDays);
}

/** The last business date a milestone is expected to take, as far as the milestones after it are concerned. */
export function expectedEndDate(m: ProjectedMilestone, calendar: BusinessCalendar): Date {
  if (m.status === 'completed' && m.completedAt) return localDateOf(m.completedAt, calendar.timeZone);
  if ((m.status === 'in_progress' || m.status === 'blocked') && m.startedAt) {
    const byStart = endFrom(localDateOf(m.startedAt, calendar.timeZone), m.plannedDays, calendar);
    return later(m.plannedEndDate, byStart);
  }
  return m.plannedEndDate;
}

/** The first date a milestone may start on after `previous`: the working day after it is expected to end. */
export function earliestStartAfter(previous: ProjectedMilestone, calendar: BusinessCalendar): Date {
  return addBusinessDaysToDate(expectedEndDate(previous, calendar), 1, calendar.workingDays);
}

function changed(before: readonly ProjectedMilestone[], after: readonly ProjectedMilestone[]): MilestoneDates[] {
  return after
    .filter((m, i) => {
      const b = before[i]!;
      return (
        b.plannedStartDate.getTime() !== m.plannedStartDate.getTime() ||
        b.plannedEndDate.getTime() !== m.plannedEndDate.getTime()
      );
    })
    .map((m) => ({ id: m.id, plannedStartDate: m.plannedStartDate, plannedEndDate: m.plannedEndDate }));
}

/** Walks from `from` to the end, holding each milestone that has not started to the chain rule; the rest stay. */
function holdToChain(list: ProjectedMilestone[], from: number, calendar: BusinessCalendar): void {
  for (let j = Math.max(1, from); j < list.length; j++) {
    const m = list[j]!;
    if (m.status !== 'pending') continue;
    const earliest = earliestStartAfter(list[j - 1]!, calendar);
    if (m.plannedStartDate.getTime() >= earliest.getTime()) continue;
    list[j] = { ...m, plannedStartDate: earliest, plannedEndDate: endFrom(earliest, m.plannedDays, calendar) };
  }
}

/**
 * After something happened to the milestone at index `after` (it completed, started, or its dates changed): the
 * later milestones that have not started move out as far as they must, never in. Returns those that moved.
 * `milestones` is the account's plan in order, as it is now.
 */
export function pushFollowingMilestones(
  milestones: readonly ProjectedMilestone[],
  after: number,
  calendar: BusinessCalendar,
): MilestoneDates[] {
  const list = [...milestones];
  holdToChain(list, after + 1, calendar);
  return changed(milestones, list);
}

/**
 * The CSM moves the milestone at `index` to start on `newStart` (a day off counts as the next working day): it
 * keeps its length, later milestones that have not started move by the same number of business days, and none
 * starts before the one before it is expected to end. A completed milestone cannot move, and none can start
 * before the milestone before it is expected to end. Returns every milestone whose dates change.
 */
export function shiftMilestone(
  milestones: readonly ProjectedMilestone[],
  index: number,
  newStart: Date,
  calendar: BusinessCalendar,
): Checked<MilestoneDates[]> {
  const target = milestones[index];
  if (!target) return refused('That milestone is not in the plan.');
  if (target.status === 'completed') {
    return refused(`${target.name} is completed; its dates are history and cannot be shifted.`);
  }
  const start = rollToBusinessDate(newStart, calendar.workingDays);
  const previous = index > 0 ? milestones[index - 1] : undefined;
  if (previous) {
    const earliest = earliestStartAfter(previous, calendar);
    if (start.getTime() < earliest.getTime()) {
      return refused(
        `${target.name} cannot start before ${previous.name} is expected to end; the earliest start is ${earliest.toISOString().slice(0, 10)}.`,
      );
    }
  }
  const delta = businessDatesBetween(target.plannedStartDate, start, calendar.workingDays);
  const list = milestones.map((m, j): ProjectedMilestone => {
    if (j === index) return { ...m, plannedStartDate: start, plannedEndDate: endFrom(start, m.plannedDays, calendar) };
    if (j < index || m.status !== 'pending' || delta === 0) return m;
    const moved = addBusinessDaysToDate(m.plannedStartDate, delta, calendar.workingDays);
    return { ...m, plannedStartDate: moved, plannedEndDate: endFrom(moved, m.plannedDays, calendar) };
  });
  holdToChain(list, index + 1, calendar);
  return accepted(changed(milestones, list));
}

/** The planned go-live: the last milestone's planned end once the changes are applied. */
export function plannedGoLive(
  milestones: readonly ProjectedMilestone[],
  changes: readonly MilestoneDates[],
): Date | null {
  const last = milestones.at(-1);
  if (!last) return null;
  return changes.find((c) => c.id === last.id)?.plannedEndDate ?? last.plannedEndDate;
}
