import { IllegalTransitionError } from '../../../src/domain/errors';
import {
  ACCOUNT_EVENTS,
  ACCOUNT_STATUSES,
  checkChurnReason,
  CHURN_REASON_MAX,
  isRunningAccount,
  nextAccountStatus,
  type AccountStatus,
} from '../../../src/domain/account-state';

const LEGAL: Record<string, AccountStatus> = {
  'pending_handoff:start_plan': 'active',
  'pending_handoff:churn': 'churned',
  'active:go_live': 'completed',
  'at_risk:go_live': 'completed',
  'active:churn': 'churned',
  'at_risk:churn': 'churned',
  'completed:churn': 'churned',
  'completed:reopen': 'active',
  'churned:reopen': 'active',
};
const pairs = ACCOUNT_STATUSES.flatMap((from) => ACCOUNT_EVENTS.map((event) => [from, event] as const));

describe('account state machine', () => {
  it.each(pairs.filter(([f, e]) => LEGAL[`${f}:${e}`]))('%s --%s--> is allowed', (from, event) => {
    expect(nextAccountStatus(from, event)).toBe(LEGAL[`${from}:${event}`]);
  });

  it.each(pairs.filter(([f, e]) => !LEGAL[`${f}:${e}`]))('%s --%s--> is refused, naming both states', (from, event) => {
    let caught: unknown;
    try {
      nextAccountStatus(from, event);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IllegalTransitionError);
    const error = caught as IllegalTransitionError;
    expect(error.entity).toBe('account');
    expect(error.from).toBe(from);
    expect(error.message).toContain(`(${from} → `);
  });

  it('reopening an account that is running says only completed or churned ones can be', () => {
    expect(() => nextAccountStatus('active', 'reopen')).toThrow(
      'An account that is active cannot be reopened (active → active). Only a completed or churned account can be reopened.',
    );
  });

  it('only active and at-risk accounts have scheduler work', () => {
    expect(ACCOUNT_STATUSES.filter(isRunningAccount)).toEqual(['active', 'at_risk']);
  });
});

describe('the churn reason', () => {
  it.each(['', '   \n\t '])('is required (%p is refused)', (reason) => {
    expect(checkChurnReason(reason)).toEqual({
      ok: false,
      message: 'Say why the account churned; the reason is kept on the account.',
    });
  });

  it('is trimmed, keeps line breaks, and refuses control characters and over-long text', () => {
    expect(checkChurnReason('  Budget cut.\nMoved to a competitor.  ')).toEqual({
      ok: true,
      value: 'Budget cut.\nMoved to a competitor.',
    });
    expect(checkChurnReason('bad\u0007bell').ok).toBe(false);
    expect(checkChurnReason('x'.repeat(CHURN_REASON_MAX)).ok).toBe(true);
    expect(checkChurnReason('x'.repeat(CHURN_REASON_MAX + 1))).toEqual({
      ok: false,
      message: `The churn reason is ${CHURN_REASON_MAX + 1} characters long; keep it to ${CHURN_REASON_MAX} or fewer.`,
    });
  });
});
