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

type Db = ServiceContext['prisma'] | Tx;

/**
 * A submission with what its review shows and checks: the action's name, the contact who answered, the account with
 * its CSM and its first contact. Read one query after another rather than as one nested read: Prisma reads sibling
 * relations with queries of their own sent at once, and inside a transaction those all go to its one connection,
 * which is the concurrent use of a pg client that pg deprecates (and warns about).
 */
async function readSubmission(db: Db, where: { id: string; account?: { organizationId: string } }) {
  const submission = await db.submission.findFirst({ where });
  if (!submission) return null;
  const action = await db.action.findUniqueOrThrow({ where: { id: submission.actionId }, select: { name: true } });
  const contact = submission.contactId
    ? await db.contact.findUnique({ where: { id: submission.contactId }, select: { name: true, email: true } })
    : null;
  const account = await db.account.findUniqueOrThrow({
    where: { id: submission.accountId },
    select: { id: true, name: true, csmId: true, organizationId: true },
  });
  const csm = account.csmId
    ? await db.user.findUnique({
        where: { id: account.csmId },
        select: { name: true, email: true, replyToEmail: true },
      })
    : null;
  const contacts = await db.contact.findMany({
    where: { accountId: account.id },
    orderBy: PRIMARY_CONTACT_FIRST,
    take: 1,
    select: { name: true, email: true },
  });
  return { ...submission, action, contact, account: { ...account, csm, contacts } };
}

export async function loadSubmissionForReview(
  db: Db,
  organizationId: string,
  submissionId: string,
  actor: Reviewer,
  doing: string,
) {
  const submission = await readSubmission(db, { id: submissionId, account: { organizationId } });
  if (!submission) throw new AppError('not_found', 'that portal submission does not exist (any more)');
  await authorizeAccountChange(db, { organizationId, actor, account: submission.account, doing });
  return submission;
}

export type SubmissionForReview = Awaited<ReturnType<typeof loadSubmissionForReview>>;

/** The review as stored now (whoever made it), for the card. */
export async function describeReview(
  db: Db,
  submissionId: string,
  alreadyReviewed: boolean,
): Promise<SubmissionReview> {
  const s = await readSubmission(db, { id: submissionId });
  if (!s) throw new AppError('not_found', 'that portal submission does not exist (any more)');
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
