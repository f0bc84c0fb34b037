import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { loadSubmissionForReview, reviewerSchema } from './load-submission-for-review';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  submissionId: z.string().min(1),
  actor: reviewerSchema,
});

/** A portal submission as the Follow up modal shows it, for someone allowed to review it. */
export async function getSubmissionForReview(ctx: ServiceContext, input: z.input<typeof optionsSchema>) {
  const o = parseOptions(optionsSchema, input);
  const s = await loadSubmissionForReview(
    ctx.prisma,
    o.organizationId,
    o.submissionId,
    o.actor,
    'follow up on portal submissions',
  );
  return {
    submissionId: s.id,
    accountName: s.account.name,
    actionName: s.action.name,
    contactName: s.contact?.name ?? s.account.contacts[0]?.name ?? null,
    reviewedAt: s.reviewedAt,
  };
}
