/**
 * The milestone state machine.
 *
 *   pending --start--> in_progress --complete--> completed
 *   in_progress --block(note)--> blocked --unblock--> in_progress
 *   completed --reopen--> in_progress   (only the last milestone, when an admin reopens a finished account)
 *
 * A blocked milestone must be unblocked before it is completed, so the customer never sees a
 * blocker note on a milestone that is already done.
 */
import { IllegalTransitionError, NoteRequiredError } from './errors';

export const MILESTONE_STATUSES = ['pending', 'in_progress', 'blocked', 'completed'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

export const MILESTONE_EVENTS = ['start', 'complete', 'block', 'unblock', 'reopen'] as const;
export type MilestoneEvent = (typeof MILESTONE_EVENTS)[number];

export interface MilestoneTransitionOptions {
  /** Required (non-blank) for `block`: the customer sees it in the portal. */
  note?: string | null;
}

interface EventRule {
  from: MilestoneStatus;
  to: MilestoneStatus;
  verb: string;
}

const RULES: Record<MilestoneEvent, EventRule> = {
  start: { from: 'pending', to: 'in_progress', verb: 'started' },
  complete: { from: 'in_progress', to: 'completed', verb: 'completed' },
  block: { from: 'in_progress', to: 'blocked', verb: 'blocked' },
  unblock: { from: 'blocked', to: 'in_progress', verb: 'unblocked' },
  reopen: { from: 'completed', to: 'in_progress', verb: 'reopened' },
};

const STATUS_WORDS: Record<MilestoneStatus, string> = {
  pending: 'pending',
  in_progress: 'in progress',
  blocked: 'blocked',
  completed: 'completed',
};

export function nextMilestoneStatus(
  from: MilestoneStatus,
  event: MilestoneEvent,
  options: MilestoneTransitionOptions = {},
): MilestoneStatus {
  const rule = RULES[event];
  if (rule.from !== from) {
    const hint = event === 'complete' && from === 'blocked' ? ' Unblock it first.' : '';
    throw new IllegalTransitionError({
      entity: 'milestone',
      from,
      to: rule.to,
      event,
      message: `A milestone that is ${STATUS_WORDS[from]} cannot be ${rule.verb} (${from} → ${rule.to}).${hint}`,
    });
  }
  if (event === 'block' && !options.note?.trim()) throw new NoteRequiredError();
  return rule.to;
}

export function isMilestoneStatus(value: string): value is MilestoneStatus {
  return (MILESTONE_STATUSES as readonly string[]).includes(value);
}
