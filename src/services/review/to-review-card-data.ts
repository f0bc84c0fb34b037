import type { Prisma } from '../../db/generated/client';
import { OFFLINE_DRAFTER_LABEL } from '../drafting/produce-draft';
import { readLintFindings } from '../json/stored-json';
import type { ReviewCardData } from './review-card-data';
import { PRIMARY_CONTACT_FIRST } from '../contacts/primary-contact-first';

export const REVIEW_CARD_INCLUDE = {
  milestone: { select: { name: true } },
  account: {
    select: {
      id: true,
      name: true,
      csmId: true,
      slackCsmChannelId: true,
      organization: { select: { defaultCsmChannelId: true } },
      slackCustomerChannelId: true,
      csm: { select: { slackUserId: true, reviewCardDelivery: true } },
      contacts: { orderBy: PRIMARY_CONTACT_FIRST, select: { email: true, name: true } },
    },
  },
} satisfies Prisma.ActionInclude;

type ActionWithCard = Prisma.ActionGetPayload<{ include: typeof REVIEW_CARD_INCLUDE }>;

function recipientsOf(action: ActionWithCard): string[] {
  switch (action.type) {
    case 'email':
    case 'portal_form':
    case 'portal_document':
      return action.account.contacts.map((c) => `${c.name} <${c.email}>`);
    case 'slack_message':
      return action.account.slackCustomerChannelId ? [`<#${action.account.slackCustomerChannelId}>`] : [];
    case 'internal_task':
      return action.account.csm?.slackUserId ? [`<@${action.account.csm.slackUserId}>`] : [];
  }
}

/**
 * One place that turns a stored action into what its card shows. `about` is what the card needs from elsewhere:
 * the approver's Slack id and the skipped action that released it (skip-release-notes.ts).
 */
export function toReviewCardData(
  action: ActionWithCard,
  about: { approvedBySlackUserId: string | null; releasedBySkipOf: string | null },
): ReviewCardData {
  return {
    actionId: action.id,
    accountId: action.accountId,
    accountName: action.account.name,
    milestoneName: action.milestone.name,
    actionName: action.name,
    type: action.type,
    status: action.status,
    recipients: recipientsOf(action),
    subject: action.draftSubject ?? action.defaultSubject,
    body: action.draftBody ?? action.defaultBody,
    lintFindings: readLintFindings(action.lintFindings, action.id),
    approvedAt: action.approvedAt,
    approvedBySlackUserId: about.approvedBySlackUserId,
    reviewNote: action.reviewNote,
    lastError: action.lastError,
    aiDraftPending: action.status === 'ready' && action.aiDraftWantedAt !== null,
    aiDraftNote: action.draftedBy === OFFLINE_DRAFTER_LABEL ? action.aiDraftNote : null,
    executedAt: action.executedAt,
    dueAt: action.dueAt,
    releasedBySkipOf: about.releasedBySkipOf,
    csmId: action.account.csmId,
    csmSlackUserId: action.account.csm?.slackUserId ?? null,
    accountChannel: action.account.slackCsmChannelId,
    organizationChannel: action.account.organization.defaultCsmChannelId,
    cardChannel: action.reviewCardChannel,
    cardTs: action.reviewCardTs,
    // An account nobody is the CSM of has nobody's digest to wait for: its cards come as they are ready.
    cardDelivery: action.account.csm?.reviewCardDelivery ?? 'as_they_come',
  };
}
