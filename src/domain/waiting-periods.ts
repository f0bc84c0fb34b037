/**
 * Waiting periods: every stretch of time during which something waited on one side, derived from the record
 * (issue 13). The clocks shown now (whose-court.ts) and the history the slip ledger attributes
 * (slip-attribution.ts) both read these, so they can never disagree.
 */
import type { AccountRecord } from './account-record';
import type { WaitingPeriod } from './onboarding-clock-types';

/** The rows waiting periods are built from. */
export type WaitingRecord = Pick<AccountRecord, 'milestones' | 'actions' | 'submissions' | 'blocks'>;

/** All waiting periods of one account, open ones with endedAt null; empty or negative periods are dropped. */
export function waitingPeriodsFrom(record: WaitingRecord): WaitingPeriod[] {
  void record;
  throw new Error('in progress');
}
