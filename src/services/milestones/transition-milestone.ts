/**
 * The one place a milestone changes status: the domain state machine decides whether the move is allowed, a
 * conditional update applies it only if the row is still in the status that was read, and the audit row lands
 * in the same transaction.
 */
import type { Prisma } from '../../db/generated/client';
import {
  nextMilestoneStatus,
  type MilestoneEvent,
  type MilestoneStatus,
  type MilestoneTransitionOptions,
} from '../../domain/milestone-state';
import { AppError } from '../../lib/errors';
import type { AuditedEntity } from '../audit/record-entity-change';
import { recordTransition, type TransitionAudit } from '../audit/record-transition';
import type { Tx } from '../context';
import { toAppError } from '../errors/to-app-error';

export interface TransitioningMilestone extends AuditedEntity {
  /** The status the caller read; the update is conditional on it. */
  status: MilestoneStatus;
}

export interface MilestoneTransitionInput extends TransitionAudit {
  milestone: TransitioningMilestone;
  event: MilestoneEvent;
  /** What the state machine needs to check the event (the blocker note). */
  options?: MilestoneTransitionOptions;
  /** Columns written together with the status. */
  data?: Omit<Prisma.MilestoneUpdateManyMutationInput, 'status'>;
  /** The sentence of the conflict error when someone else changed the milestone first. */
  conflict: string;
}

export async function transitionMilestone(
  tx: Tx,
  input: MilestoneTransitionInput,
): Promise<{ from: MilestoneStatus; to: MilestoneStatus }> {
  const { milestone } = input;
  const from = milestone.status;
  let to: MilestoneStatus;
  try {
    to = nextMilestoneStatus(from, input.event, input.options);
  } catch (error) {
    throw toAppError(error);
  }
  const updated = await tx.milestone.updateMany({
    where: { id: milestone.id, status: from },
    data: { ...input.data, status: to },
  });
  if (updated.count !== 1) throw new AppError('conflict', input.conflict);
  await recordTransition(tx, 'milestone', milestone, { from, to }, input);
  return { from, to };
}
