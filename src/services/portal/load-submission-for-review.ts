/**
 * The shared first step of reviewing a portal submission (Acknowledge, Follow up): load it within the organisation,
 * check that the person may review it (the account's CSM or an admin), and describe it for the card.
 */
import { type z } from 'zod';
import { AppError } from '../../lib/errors';
import type { ServiceContext, Tx } from '../context';
import { authorizeAccountChange, personActorSchema } from '../permissions/authorize-account-change';
import { PRIMARY_CONTACT_FIRST } from '../contacts/primary-contact-first';

export const reviewerSchema = personActorSchema;
export type Reviewer = z.infer<typeof reviewerSchema>;

export type ReviewOutcome = 'acknowledged' | 'follow_up';

/** What the updated Slack card shows about the submission and its review. */
export interface SubmissionReview {
  submissionId: string;
  accountId: string;
  accountName: string;
  actionName: string;
  contactName: string | null;
  outcome: ReviewOutcome;
  reviewedAt: Date;
  reviewedByUserId: string;
  reviewedBySlackUserId: string | null;
  /** True when someone had already reviewed it (a double click, or another person): nothing changed now. */
  alreadyReviewed: boolean;
}

const SUBMISSION_INCLUDE = {
  action: { select: { name: true } },
  contact: { select: { name: true, email: true } },
  account: {
    select: {
      id: true,
      name: true,
      csmId: true,
      organizationId: true,
      csm: { select: { name: true, email: true, replyToEmail: true } },
      contacts: {
        orderBy: PRIMARY_CONTACT_FIRST,
        take: 1,
        select: { name: true, email: true },
      },
    },
  },
};

export async function loadSubmissionForReview(
  db: ServiceContext['prisma'] | Tx,
  organizationId: string,
  submissionId: string,
  actor: Reviewer,
  doing: string,
) {
  const submission = await db.submission.findFirst({
    where: { id: submissionId, account: { organizationId } },
    include: SUBMISSION_INCLUDE,
  });
  if (!submission) throw new AppError('not_found', 'that portal submission does not exist (any more)');
  await authorizeAccountChange(db, { organizationId, actor, account: submission.account, doing });
  return submission;
}

export type SubmissionForReview = Awaited<ReturnType<typeof loadSubmissionForReview>>;

/** The review as stored now (whoever made it), for the card. */
export async function describeReview(
  db: ServiceContext['prisma'] | Tx,
  submissionId: string,
  alreadyReviewed: boolean,
): Promise<SubmissionReview> {
  const s = await db.submission.findUniqueOrThrow({ where: { id: submissionId }, include: SUBMISSION_INCLUDE });
  const reviewer = s.reviewedById
    ? await db.user.findUnique({ where: { id: s.reviewedById }, select: { slackUserId: true } })
    : null;
  return {
    submissionId: s.id,
    accountId: s.accountId,
    accountName: s.account.name,
    actionName: s.action.name,
    contactName: s.contact?.name ?? null,
    outcome: s.reviewOutcome === 'follow_up' ? 'follow_up' : 'acknowledged',
    reviewedAt: s.reviewedAt ?? new Date(0),
    reviewedByUserId: s.reviewedById ?? '',
    reviewedBySlackUserId: reviewer?.slackUserId ?? null,
    alreadyReviewed,
  };
}
