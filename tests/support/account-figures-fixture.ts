import type { WaitingPeriod } from '../../src/domain/onboarding-clock-types';
import type { AccountFigures } from '../../src/services/metrics/account-figures';

/**
 * Account figures as a builder receives them, with `text` standing in for every sentence and label, so builder
 * tests can feed hostile or over-long text where the domain's words would go.
 */
export function accountFiguresWith(text: string, at: Date): AccountFigures {
  const item: WaitingPeriod = {
    side: 'customer',
    kind: 'portal_request',
    actionKey: 'sso-form',
    milestoneId: 'm1',
    label: text,
    startedAt: at,
    endedAt: null,
  };
  return {
    timeToValue: { plannedDays: 30, actualDays: null, projectedGoLive: at, projectedDays: 34 },
    court: {
      customer: {
        side: 'customer',
        count: 1,
        oldestStartedAt: at,
        businessHours: 30,
        ageWords: text,
        items: [item],
      },
      us: null,
      third_party: null,
    },
    courtSentence: text,
    slip: { total: 4, customer: 3, us: 1, third_party: 0 },
    slipSentence: text,
  };
}
