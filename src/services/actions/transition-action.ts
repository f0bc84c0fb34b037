/**
 * The one place an action changes status: the domain state machine decides whether the move is allowed, a
 * conditional update applies it only if the row is still in the status that was read (so of two racing
 * requests exactly one wins), and the audit row lands in the same transaction. Every change also ends the action's
 * wait for an AI draft, so a late AI draft never replaces what a person did.
 */
import type { Prisma } from '../../db/generated/client';
import { isOpenAction, nextActionStatus, type ActionEvent, type ActionStatus } from '../../domain/action-state';
import type { ActionType } from '../../domain/template';
import { AppError } from '../../lib/errors';
import type { Tx } from '../context';
import { toAppError } from '../errors/to-app-error';
import type { AuditedEntity } from '../audit/record-entity-change';
import { recordTransition, type TransitionAudit } from '../audit/record-transition';
import { refreshNextActionAt } from '../plan/refresh-next-action-at';

export interface TransitioningAction extends AuditedEntity {
  /** The status the caller read; the update is conditional on it. */
  status: ActionStatus;
  /** Completing from ready is allowed for internal tasks only. */
  type: ActionType;
}

export interface ActionTransitionInput extends TransitionAudit {
  action: TransitioningAction;
  /**
   * The event the state machine checks; several for a move it makes in steps (ready → review_pending → ready);
   * null for a change that keeps the status (an edit of a ready draft, an approval) but must still be
   * conditional on it and audited.
   */
  event: ActionEvent | readonly ActionEvent[] | null;
  /** Columns written together with the status. */
  data?: Omit<Prisma.ActionUpdateManyMutationInput, 'status'>;
  /** Conditions beyond "still in the status read": the claim's idempotency key, the draft that was checked. */
  where?: Prisma.ActionWhereInput;
  /**
   * The sentence of the conflict error when someone else changed the action first. Null when losing that race is
   * normal for the caller (a double click, a sweep racing a finishing send): it gets `changed: false` instead and
   * nothing is written.
   */
  conflict: string | null;
}

export interface ActionTransitionResult {
  from: ActionStatus;
  to: ActionStatus;
  /** False only when `conflict` is null and someone else changed the action first. */
  changed: boolean;
}

export async function transitionAction(tx: Tx, input: ActionTransitionInput): Promise<ActionTransitionResult> {
  const { action } = input;
  const from = action.status;
  const to = checkedTarget(action, input.event);
  const updated = await tx.action.updateMany({
    where: { ...input.where, id: action.id, status: from },
    // Any change a person (or a send) makes takes the action off the AI draft queue: an AI draft arriving later must
    // not replace a draft someone edited, approved or sent (services/drafting/ai-drafts/store-ai-draft.ts).
    data: { aiDraftWantedAt: null, ...input.data, status: to },
  });
  if (updated.count !== 1) {
    if (input.conflict === null) return { from, to, changed: false };
    throw new AppError('conflict', input.conflict);
  }
  await recordTransition(tx, 'action', action, { from, to }, input);
  // An action leaving the open statuses (skipped, an internal task done) no longer counts for the account's next
  // action time, so the time is recomputed here rather than by each service that makes such a move.
  if (isOpenAction(from) !== isOpenAction(to)) await refreshNextActionAt(tx, [action.accountId]);
  return { from, to, changed: true };
}

function checkedTarget(action: TransitioningAction, event: ActionTransitionInput['event']): ActionStatus {
  const events: readonly ActionEvent[] = event === null ? [] : typeof event === 'string' ? [event] : event;
  try {
    return events.reduce<ActionStatus>(
      (status, e) => nextActionStatus(status, e, { type: action.type }),
      action.status,
    );
  } catch (error) {
    throw toAppError(error);
  }
}
