/**
 * Slip (issue 13): which business dates an account ran behind its plan, and whose each was. Each overrun date
 * (milestone-overrun.ts), taken as the whole local day [00:00, 24:00) in the organisation's zone, goes to:
 * 1. a block of that milestone overlapping the day (the earliest started if several): the cause's side, `block`;
 * 2. else the item of the account open that day (any non-block waiting period) that started first: its side,
 *    `waiting`, its action key; a tie on the start goes to us (we could have moved first);
 * 3. else us, `nothing_open`: nothing was asked of anyone, so the next move was ours.
 * A date two milestones both overran (they overlapped) is counted once, for the earlier one in plan order, so the
 * ledger holds one row per date and the days behind are the ledger's length.
 */
import { localDateAt, type BusinessCalendar } from './business-days';
import { addCalendarDays } from './calendar-date';
import { overrunDates, type SlipMilestone } from './milestone-overrun';
import type { AttributedSlipDay, SlipSide, WaitingPeriod } from './onboarding-clock-types';

export { overrunDates, type SlipMilestone } from './milestone-overrun';
export { customerSlipWords, slipSentence, summariseSlip } from './slip-words';

export interface AttributeSlipInput {
  /** The account's milestones in plan order; an earlier milestone keeps a date two milestones overran. */
  milestones: readonly SlipMilestone[];
  /** waitingPeriodsFrom(record). */
  periods: readonly WaitingPeriod[];
  now: Date;
  calendar: BusinessCalendar;
}

/** Ties go to us, then the customer: the order in which a side could have moved the account on itself. */
const SIDE_ORDER: Record<SlipSide, number> = { us: 0, customer: 1, third_party: 2 };

/** Earliest start first, then side, then key: a total order on what the day records, so input order never matters. */
function firstStarted(a: WaitingPeriod, b: WaitingPeriod): number {
  return (
    a.startedAt.getTime() - b.startedAt.getTime() ||
    SIDE_ORDER[a.side] - SIDE_ORDER[b.side] ||
    (a.actionKey ?? '').localeCompare(b.actionKey ?? '')
  );
}

function overlaps(p: WaitingPeriod, dayStart: number, dayEnd: number): boolean {
  return p.startedAt.getTime() < dayEnd && (p.endedAt === null || p.endedAt.getTime() > dayStart);
}

function attributeDay(
  date: Date,
  milestoneId: string,
  blocks: readonly WaitingPeriod[],
  waiting: readonly WaitingPeriod[],
  calendar: BusinessCalendar,
): AttributedSlipDay {
  const dayStart = localDateAt(date, 0, calendar.timeZone).getTime();
  const dayEnd = localDateAt(addCalendarDays(date, 1), 0, calendar.timeZone).getTime();
  const block = blocks.find((p) => overlaps(p, dayStart, dayEnd));
  if (block) return { date, side: block.side, milestoneId, reason: 'block', actionKey: null };
  const item = waiting.find((p) => overlaps(p, dayStart, dayEnd));
  if (item) return { date, side: item.side, milestoneId, reason: 'waiting', actionKey: item.actionKey };
  return { date, side: 'us', milestoneId, reason: 'nothing_open', actionKey: null };
}

/** Every overrun date of the account, once each, oldest first, with whose it was. Its length is the days behind. */
export function attributeSlip(input: AttributeSlipInput): AttributedSlipDay[] {
  const { milestones, periods, now, calendar } = input;
  const waiting = periods.filter((p) => p.kind !== 'block').sort(firstStarted);
  const blocks = periods.filter((p) => p.kind === 'block').sort(firstStarted);
  const byDate = new Map<number, AttributedSlipDay>();
  for (const m of milestones) {
    const own = blocks.filter((p) => p.milestoneId === m.id);
    for (const date of overrunDates(m, now, calendar)) {
      if (byDate.has(date.getTime())) continue;
      byDate.set(date.getTime(), attributeDay(date, m.id, own, waiting, calendar));
    }
  }
  return [...byDate.values()].sort((a, b) => a.date.getTime() - b.date.getTime());
}
