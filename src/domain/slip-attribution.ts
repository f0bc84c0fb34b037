/**
 * Slip (issue 13): which business dates an account ran behind its plan, and whose each was. A milestone's overrun
 * dates are its local business dates past its first plannedDays; each is given to a block of that milestone, else
 * to the oldest item open that day, else to us (nothing was asked of anyone, so the next move was ours).
 */
import type { MilestoneRow } from './account-record';
import type { BusinessCalendar } from './business-days';
import type { AttributedSlipDay, SlipSide, SlipSummary, WaitingPeriod } from './onboarding-clock-types';

/** The milestone columns overruns are measured from. */
export type SlipMilestone = Pick<MilestoneRow, 'id' | 'status' | 'plannedDays' | 'startedAt' | 'completedAt'>;

export interface AttributeSlipInput {
  /** The account's milestones in plan order; an earlier milestone keeps a date two milestones overran. */
  milestones: readonly SlipMilestone[];
  /** waitingPeriodsFrom(record). */
  periods: readonly WaitingPeriod[];
  now: Date;
  calendar: BusinessCalendar;
}

/** A milestone's overrun dates (UTC-midnight local business dates), oldest first; none before it starts. */
export function overrunDates(milestone: SlipMilestone, now: Date, calendar: BusinessCalendar): Date[] {
  void milestone;
  void now;
  void calendar;
  throw new Error('in progress');
}

/** Every overrun date of the account, once each, oldest first, with whose it was. Its length is the days behind. */
export function attributeSlip(input: AttributeSlipInput): AttributedSlipDay[] {
  void input;
  throw new Error('in progress');
}

/** Counts by side; accepts SlipDay rows as they are. */
export function summariseSlip(days: readonly { side: SlipSide }[]): SlipSummary {
  void days;
  throw new Error('in progress');
}

/** For the CSM: "On track" or "12 days behind: 8 customer, 3 us, 1 third party" (zero sides left out). */
export function slipSentence(summary: SlipSummary): string {
  void summary;
  throw new Error('in progress');
}

/** For the customer (portal): "On track" or "2 days behind plan"; takes Account.daysBehind. */
export function customerSlipWords(daysBehind: number): string {
  void daysBehind;
  throw new Error('in progress');
}
