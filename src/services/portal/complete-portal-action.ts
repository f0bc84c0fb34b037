import type { Prisma } from '../../db/generated/client';
import type { ActionStatus } from '../../domain/action-state';
import type { ActionType } from '../../domain/template';
import { AppError } from '../../lib/errors';
import { transitionAction } from '../actions/transition-action';
import type { Tx } from '../context';
import { propagateActionChange } from '../plan/propagate-action-change';
import type { PortalSession } from './resolve-portal-token';

/**
 * Who answers a portal request: a contact through their magic link, or someone in the account's shared Slack channel
 * (a mapped contact, or a member of the customer's workspace Thread has no contact for, who is named by Slack id).
 */
export interface Respondent {
  accountId: string;
  organizationId: string;
  contactId: string | null;
  via: 'portal' | 'slack';
  /** The Slack user who answered in the shared channel. */
  slackUserId?: string;
}

/** The portal's respondent: the contact the magic link was made for. */
export function portalRespondent(session: PortalSession): Respondent {
  return {
    accountId: session.accountId,
    organizationId: session.organizationId,
    contactId: session.contactId,
    via: 'portal',
  };
}

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
  respondent: Pick<Respondent, 'accountId'>,
  actionId: string,
  type: 'portal_form' | 'portal_document',
): Promise<PortalActionToAnswer> {
  const action = await tx.action.findFirst({
    where: { id: actionId, accountId: respondent.accountId, type, status: { in: ['executed', 'completed'] } },
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
    respondent: Respondent;
    action: PortalActionToAnswer;
    submission: Omit<Prisma.SubmissionUncheckedCreateInput, 'accountId' | 'actionId' | 'contactId' | 'createdAt'>;
    engagement: 'form_submitted' | 'document_uploaded';
    now: Date;
  },
): Promise<{ submissionId: string }> {
  const { respondent, action, now } = options;
  const where = respondent.via === 'slack' ? 'in the shared Slack channel' : 'in the portal';
  let submissionId = '';
  await transitionAction(tx, {
    action: { ...action, accountId: respondent.accountId, organizationId: respondent.organizationId },
    event: 'complete',
    data: { completedAt: now },
    conflict: 'this request has already been answered, thank you',
    alsoWrite: async () => {
      const submission = await tx.submission.create({
        data: {
          ...options.submission,
          accountId: respondent.accountId,
          actionId: action.id,
          contactId: respondent.contactId,
          createdAt: now,
        },
      });
      submissionId = submission.id;
      return { auditData: { submissionId } };
    },
    actor: respondent.contactId
      ? `customer:${respondent.contactId}`
      : `customer:slack:${respondent.slackUserId ?? 'unknown'}`,
    reason:
      options.engagement === 'form_submitted'
        ? `the customer submitted the form ${where}`
        : `the customer uploaded the document ${where}`,
    at: now,
  });
  await propagateActionChange(tx, {
    accountId: respondent.accountId,
    action: { key: action.key, type: action.type },
    event: 'complete',
    at: now,
  });
  await tx.engagementEvent.create({
    data: {
      accountId: respondent.accountId,
      contactId: respondent.contactId,
      kind: options.engagement,
      data: {
        actionId: action.id,
        submissionId,
        ...(respondent.via === 'slack' ? { via: 'slack', slackUserId: respondent.slackUserId ?? null } : {}),
      },
      at: now,
    },
  });
  return { submissionId };
}
