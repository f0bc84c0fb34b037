/**
 * The account status machine, for the moves that end or resume an onboarding:
 *
 *   pending_handoff --start_plan--> active        (the AE's handoff was submitted, or the CSM started it anyway)
 *   active | at_risk --go_live--> completed      (the last milestone was completed)
 *   pending_handoff | active | at_risk | completed --churn(reason)--> churned
 *   completed | churned --reopen--> active
 *
 * Confirming or clearing at risk (active ⇄ at_risk) is the CSM answering Thread's suggestion and stays with the
 * at-risk services. An account created from the CRM waits for the AE's handoff with its plan not started, so it
 * has no scheduler work either. Only a running account (active or at risk) has scheduler work: a completed or churned one is
 * never fired, reminded, digested or suggested at risk.
 */
import { accepted, hasControlCharacters, refused, type Checked } from './checked';
import { IllegalTransitionError } from './errors';

export const ACCOUNT_STATUSES = ['pending_handoff', 'active', 'at_risk', 'completed', 'churned'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const ACCOUNT_EVENTS = ['start_plan', 'go_live', 'churn', 'reopen'] as const;
export type AccountEvent = (typeof ACCOUNT_EVENTS)[number];

/** The statuses whose accounts the scheduler works for. */
export const RUNNING_ACCOUNT_STATUSES = ['active', 'at_risk'] as const satisfies readonly AccountStatus[];

export function isRunningAccount(status: AccountStatus): boolean {
  return (RUNNING_ACCOUNT_STATUSES as readonly AccountStatus[]).includes(status);
}

/** Longest churn reason kept: a few sentences, shown on the account card. */
export const CHURN_REASON_MAX = 1000;

interface EventRule {
  from: readonly AccountStatus[];
  to: AccountStatus;
  verb: string;
}

const RULES: Record<AccountEvent, EventRule> = {
  start_plan: { from: ['pending_handoff'], to: 'active', verb: 'started' },
  go_live: { from: ['active', 'at_risk'], to: 'completed', verb: 'completed' },
  churn: { from: ['pending_handoff', 'active', 'at_risk', 'completed'], to: 'churned', verb: 'marked churned' },
  reopen: { from: ['completed', 'churned'], to: 'active', verb: 'reopened' },
};

export const ACCOUNT_STATUS_WORDS: Readonly<Record<AccountStatus, string>> = {
  pending_handoff: 'waiting for the handoff',
  active: 'active',
  at_risk: 'at risk',
  completed: 'completed (live)',
  churned: 'churned',
};

export function nextAccountStatus(from: AccountStatus, event: AccountEvent): AccountStatus {
  const rule = RULES[event];
  if (!rule.from.includes(from)) {
    const hint = event === 'reopen' ? ' Only a completed or churned account can be reopened.' : '';
    throw new IllegalTransitionError({
      entity: 'account',
      from,
      to: rule.to,
      event,
      message: `An account that is ${ACCOUNT_STATUS_WORDS[from]} cannot be ${rule.verb} (${from} → ${rule.to}).${hint}`,
    });
  }
  return rule.to;
}

/** The reason a churn is recorded with: required, trimmed, within CHURN_REASON_MAX characters (line breaks allowed). */
export function checkChurnReason(reason: string): Checked<string> {
  const value = reason.trim();
  if (value === '') return refused('Say why the account churned; the reason is kept on the account.');
  if (hasControlCharacters(value, { allowLineBreaks: true }))
    return refused('The churn reason cannot contain control characters.');
  if (value.length > CHURN_REASON_MAX)
    return refused(`The churn reason is ${value.length} characters long; keep it to ${CHURN_REASON_MAX} or fewer.`);
  return accepted(value);
}

export function isAccountStatus(value: string): value is AccountStatus {
  return (ACCOUNT_STATUSES as readonly string[]).includes(value);
}
