/**
 * The action state machine, the one place its transitions are decided.
 *
 *   pending --fire--> ready --claim--> executing --sent--> executed --complete--> completed
 *   ready --request_changes--> review_pending --redraft--> ready
 *   executing --send_failed--> ready          (the error is kept on the row by the caller)
 *   pending | ready | review_pending --skip--> skipped
 *   ready --complete--> completed             (internal tasks only: nothing is sent, the CSM
 *                                              clicks "Done"; the caller passes { type })
 *
 * Approval is a flag on a ready action, not a status, so editing a draft can clear it without
 * a transition.
 */
import { IllegalTransitionError } from './errors';
import type { ActionType } from './template';

export const ACTION_STATUSES = [
  'pending',
  'ready',
  'review_pending',
  'executing',
  'executed',
  'completed',
  'skipped',
] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const ACTION_EVENTS = [
  'fire',
  'request_changes',
  'redraft',
  'claim',
  'send_failed',
  'sent',
  'complete',
  'skip',
] as const;
export type ActionEvent = (typeof ACTION_EVENTS)[number];

export interface ActionTransitionOptions {
  /** Needed for `complete` from `ready`, which only internal tasks may do. */
  type?: ActionType;
}

interface EventRule {
  from: readonly ActionStatus[];
  to: ActionStatus;
  /** Past participle for "An action that is … cannot be …". */
  verb: string;
}

const RULES: Record<ActionEvent, EventRule> = {
  fire: { from: ['pending'], to: 'ready', verb: 'fired' },
  request_changes: { from: ['ready'], to: 'review_pending', verb: 'sent back for changes' },
  redraft: { from: ['review_pending'], to: 'ready', verb: 'redrafted' },
  claim: { from: ['ready'], to: 'executing', verb: 'claimed for sending' },
  send_failed: { from: ['executing'], to: 'ready', verb: 'returned to ready after a failed send' },
  sent: { from: ['executing'], to: 'executed', verb: 'marked as sent' },
  complete: { from: ['executed'], to: 'completed', verb: 'completed' },
  skip: { from: ['pending', 'ready', 'review_pending'], to: 'skipped', verb: 'skipped' },
};

const STATUS_WORDS: Record<ActionStatus, string> = {
  pending: 'pending',
  ready: 'ready',
  review_pending: 'waiting for changes',
  executing: 'being sent',
  executed: 'sent',
  completed: 'completed',
  skipped: 'skipped',
};

function illegal(from: ActionStatus, event: string, to: ActionStatus, verb: string, why = ''): IllegalTransitionError {
  return new IllegalTransitionError({
    entity: 'action',
    from,
    to,
    event,
    message: `An action that is ${STATUS_WORDS[from]} cannot be ${verb} (${from} → ${to}).${why}`,
  });
}

export function nextActionStatus(
  from: ActionStatus,
  event: ActionEvent,
  options: ActionTransitionOptions = {},
): ActionStatus {
  const rule = RULES[event];
  if (rule.from.includes(from)) return rule.to;
  if (event === 'complete' && from === 'ready') {
    if (options.type === 'internal_task') return rule.to;
    throw illegal(from, event, rule.to, rule.verb, ' Only an internal task can be completed without being sent.');
  }
  throw illegal(from, event, rule.to, rule.verb);
}

/**
 * An open action still has something to happen before it is sent (or done): the account's next action time, the
 * "open actions" a milestone is completed over and the CSM's list of next actions all count these.
 */
export const OPEN_ACTION_STATUSES = [
  'pending',
  'ready',
  'review_pending',
  'executing',
] as const satisfies readonly ActionStatus[];
export type OpenActionStatus = (typeof OPEN_ACTION_STATUSES)[number];

export function isOpenAction(status: ActionStatus): status is OpenActionStatus {
  return (OPEN_ACTION_STATUSES as readonly ActionStatus[]).includes(status);
}

export function canEditDraft(status: ActionStatus): boolean {
  return status === 'ready' || status === 'review_pending';
}

export function canApprove(status: ActionStatus): boolean {
  return status === 'ready';
}

/** Approval is not a transition, but refusing it should read like one in the audit and in Slack. */
export function assertCanApprove(status: ActionStatus): void {
  if (!canApprove(status)) throw illegal(status, 'approve', 'ready', 'approved');
}

export function isActionStatus(value: string): value is ActionStatus {
  return (ACTION_STATUSES as readonly string[]).includes(value);
}
