import { z } from 'zod';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import {
  describeReview,
  loadSubmissionForReview,
  reviewerSchema,
  type SubmissionReview,
} from './load-submission-for-review';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  submissionId: z.string().min(1),
  actor: reviewerSchema,
});

/**
 * The CSM's Acknowledge on a portal submission card: the submission is reviewed (reviewedAt, reviewedById,
 * outcome "acknowledged"), which stops its review clock (services/scheduler/remind-unreviewed-submissions.ts).
 * Claimed with a conditional update, so a double click or two reviewers record one review; the second is told who
 * reviewed it.
 */
export async function acknowledgeSubmission(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<SubmissionReview> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  return ctx.prisma.$transaction(async (tx) => {
    const submission = await loadSubmissionForReview(
      tx,
      o.organizationId,
      o.submissionId,
      o.actor,
      'review portal submissions',
    );
    const { count } = await tx.submission.updateMany({
      where: { id: submission.id, reviewedAt: null },
      data: { reviewedAt: now, reviewedById: o.actor.userId, reviewOutcome: 'acknowledged' },
    });
    if (count === 1) {
      await recordAuditEvent(tx, {
        organizationId: submission.account.organizationId,
        accountId: submission.accountId,
        entityType: 'submission',
        entityId: submission.id,
        actor: o.actor.userId,
        reason: `portal submission for "${submission.action.name}" acknowledged`,
        data: { outcome: 'acknowledged' },
        at: now,
      });
    }
    return describeReview(tx, submission.id, count === 0);
  });
}
