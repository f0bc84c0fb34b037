/**
 * The figures every surface shows about one account, from its loaded record: time to value, whose court it is,
 * and its slip. Computed from the record as it is now (not read from the SlipDay ledger, which the tick refreshes
 * once a day), so the card a CSM opens after a change already says what changed.
 */
import { timeToValue, type TimeToValue } from '../../domain/account-metrics';
import type { SlipSummary } from '../../domain/onboarding-clock-types';
import { attributeSlip, slipSentence, summariseSlip } from '../../domain/slip-attribution';
import { waitingPeriodsFrom } from '../../domain/waiting-periods';
import { csmCourtSentence, whoseCourt, type WhoseCourt } from '../../domain/whose-court';
import type { LoadedAccountRecord } from './load-account-record';

export interface AccountFigures {
  timeToValue: TimeToValue;
  court: WhoseCourt;
  /** "Waiting on the customer: 2 items, oldest 4 days · waiting on us: 1 item, 6 hours". */
  courtSentence: string;
  slip: SlipSummary;
  /** "On track" or "12 days behind: 8 customer, 3 us, 1 third party". */
  slipSentence: string;
}

export function accountFigures(loaded: LoadedAccountRecord, now: Date): AccountFigures {
  const { record, calendar } = loaded;
  const periods = waitingPeriodsFrom(record);
  const court = whoseCourt(periods, now, calendar);
  const slip = summariseSlip(attributeSlip({ milestones: record.milestones, periods, now, calendar }));
  return {
    timeToValue: timeToValue(record.account, record.milestones, now, calendar),
    court,
    courtSentence: csmCourtSentence(court),
    slip,
    slipSentence: slipSentence(slip),
  };
}
