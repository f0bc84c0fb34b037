/**
 * Whose court the account is in right now (issue 13): the open waiting periods grouped by side, each with how many
 * items, the oldest one's start and its business age, and the sentences the CSM and the customer read.
 */
import type { BusinessCalendar } from './business-days';
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

/** Groups the open periods (endedAt null) by side as of `now`. */
export function whoseCourt(periods: readonly WaitingPeriod[], now: Date, calendar: BusinessCalendar): WhoseCourt {
  void periods;
  void now;
  void calendar;
  throw new Error('in progress');
}

/** For the CSM: "Waiting on the customer: 2 items, oldest 4 days · waiting on us: 1 item, 6 hours". */
export function csmCourtSentence(court: WhoseCourt): string {
  void court;
  throw new Error('in progress');
}

/** For the customer (portal): "Waiting on you: 2 items, oldest 4 days · waiting on us: 1 item, 6 hours". */
export function customerCourtSentence(court: WhoseCourt): string {
  void court;
  throw new Error('in progress');
}
