import type { Prisma } from '../../db/generated/client';
import type { ActionStatus } from '../../domain/action-state';
import type { ActionType } from '../../domain/template';
import { AppError } from '../../lib/errors';
import { transitionAction } from '../actions/transition-action';
import type { Tx } from '../context';
import { propagateActionChange } from '../plan/propagate-action-change';
import type { PortalSession } from './resolve-portal-token';

export interface PortalActionToAnswer {
  id: string;
  key: string;
  name: string;
  type: ActionType;
  status: ActionStatus;
  accountId: string;
}

/**
 * Loads an open request the customer is answering, inside the caller's transaction. A request already answered
 * is a conflict the customer is told about; one that is not theirs, or not published, does not exist for them.
 */
export async function findPortalActionToAnswer(
  tx: Tx,
  session: PortalSession,
  actionId: string,
  type: 'portal_form' | 'portal_document',
): Promise<PortalActionToAnswer> {
  const action = await tx.action.findFirst({
    where: { id: actionId, accountId: session.accountId, type, status: { in: ['executed', 'completed'] } },
    select: { id: true, key: true, name: true, type: true, status: true, accountId: true },
  });
  if (!action) throw new AppError('not_found', 'there is no such request in this portal');
  if (action.status === 'completed')
    throw new AppError('conflict', 'this request has already been answered, thank you');
  return action;
}

/**
 * The customer's answer is in: the submission row, the action's executed → completed transition (checked by the
 * domain state machine, claimed with a conditional update so two tabs cannot both complete it), the audit
 * record, the engagement event, and the due times of the actions waiting on this submission (the scheduler fires
 * them), all in the caller's transaction.
 */
export async function completePortalAction(
  tx: Tx,
  options: {
    session: PortalSession;
    action: PortalActionToAnswer;
    submission: Omit<Prisma.SubmissionUncheckedCreateInput, 'accountId' | 'actionId' | 'contactId' | 'createdAt'>;
    engagement: 'form_submitted' | 'document_uploaded';
    now: Date;
  },
): Promise<{ submissionId: string }> {
  const { session, action, now } = options;
  let submissionId = '';
  await transitionAction(tx, {
    action: { ...action, accountId: session.accountId, organizationId: session.organizationId },
    event: 'complete',
    data: { completedAt: now },
    conflict: 'this request has already been answered, thank you',
    alsoWrite: async () => {
      const submission = await tx.submission.create({
        data: {
          ...options.submission,
          accountId: session.accountId,
          actionId: action.id,
          contactId: session.contactId,
          createdAt: now,
        },
      });
      submissionId = submission.id;
      return { auditData: { submissionId } };
    },
    actor: `customer:${session.contactId}`,
    reason:
      options.engagement === 'form_submitted'
        ? 'the customer submitted the form in the portal'
        : 'the customer uploaded the document in the portal',
    at: now,
  });
  await propagateActionChange(tx, {
    accountId: session.accountId,
    action: { key: action.key, type: action.type },
    event: 'complete',
    at: now,
  });
  await tx.engagementEvent.create({
    data: {
      accountId: session.accountId,
      contactId: session.contactId,
      kind: options.engagement,
      data: { actionId: action.id, submissionId },
      at: now,
    },
  });
  return { submissionId };
}
