/**
 * Whose court the account is in right now (issue 13): the open waiting periods grouped by side, each with how many
 * items, the oldest one's start and its business age, and the sentences the CSM and the customer read. Both read
 * the same clocks; only the names of the sides differ ("the customer" is "you" in the portal).
 */
import { businessAgeWords } from './business-age';
import type { BusinessCalendar } from './business-days';
import { businessHoursBetween } from './business-hours';
import type { SlipSide, WaitingPeriod } from './onboarding-clock-types';

/** One side's open items. */
export interface CourtSide {
  side: SlipSide;
  count: number;
  oldestStartedAt: Date;
  /** Business hours from the oldest item's start to now. */
  businessHours: number;
  /** businessAgeWords(businessHours): "under an hour", "6 hours", "4 days". */
  ageWords: string;
  /** The open periods, oldest first. */
  items: WaitingPeriod[];
}

/** Each side's open items; null when nothing waits on that side. */
export type WhoseCourt = Record<SlipSide, CourtSide | null>;

function oldestFirst(a: WaitingPeriod, b: WaitingPeriod): number {
  return a.startedAt.getTime() - b.startedAt.getTime() || a.label.localeCompare(b.label);
}

function sideOf(
  side: SlipSide,
  open: readonly WaitingPeriod[],
  now: Date,
  calendar: BusinessCalendar,
): CourtSide | null {
  const items = open.filter((p) => p.side === side).sort(oldestFirst);
  const oldest = items[0];
  if (!oldest) return null;
  const businessHours = businessHoursBetween(oldest.startedAt, now, calendar);
  return {
    side,
    count: items.length,
    oldestStartedAt: oldest.startedAt,
    businessHours,
    ageWords: businessAgeWords(businessHours),
    items,
  };
}

/** Groups the open periods (endedAt null) by side as of `now`. */
export function whoseCourt(periods: readonly WaitingPeriod[], now: Date, calendar: BusinessCalendar): WhoseCourt {
  const open = periods.filter((p) => p.endedAt === null);
  return {
    customer: sideOf('customer', open, now, calendar),
    us: sideOf('us', open, now, calendar),
    third_party: sideOf('third_party', open, now, calendar),
  };
}

/** "waiting on us: 1 item, 6 hours" or "waiting on us: 2 items, oldest 4 days"; "oldest" only for several. */
function sideWords(name: string, side: CourtSide): string {
  const items = `${side.count} item${side.count === 1 ? '' : 's'}`;
  return `waiting on ${name}: ${items}, ${side.count > 1 ? 'oldest ' : ''}${side.ageWords}`;
}

function sentence(court: WhoseCourt, customerName: string): string {
  const parts = [
    court.customer ? sideWords(customerName, court.customer) : `nothing waiting on ${customerName}`,
    court.us ? sideWords('us', court.us) : 'nothing waiting on us',
  ];
  // A third party only appears when one holds something up: most accounts never have one.
  if (court.third_party) parts.push(sideWords('a third party', court.third_party));
  const text = parts.join(' · ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** For the CSM: "Waiting on the customer: 2 items, oldest 4 days · waiting on us: 1 item, 6 hours". */
export function csmCourtSentence(court: WhoseCourt): string {
  return sentence(court, 'the customer');
}

/** For the customer (portal): "Waiting on you: 2 items, oldest 4 days · waiting on us: 1 item, 6 hours". */
export function customerCourtSentence(court: WhoseCourt): string {
  return sentence(court, 'you');
}
