import { z } from 'zod';
import type { ServiceContext, Tx } from '../context';
import { toAppError } from '../errors/to-app-error';
import { personActorSchema } from '../permissions/authorize-account-change';
import { loadActionForReview } from './load-action-for-review';

/** The fields every review step is called with: which action, in which organisation, by whom. */
export const reviewTargetShape = {
  organizationId: z.string().min(1),
  actionId: z.string().min(1),
  actor: personActorSchema,
};

type ReviewTarget = z.infer<z.ZodObject<typeof reviewTargetShape>>;
type ActionForReview = Awaited<ReturnType<typeof loadActionForReview>>;

/**
 * The frame of a review step (approve, edit, request changes, skip): one transaction that loads the action after
 * the permission check, and domain errors told as AppErrors.
 */
export async function runReviewStep<T>(
  ctx: ServiceContext,
  target: ReviewTarget & { doing: string },
  step: (tx: Tx, action: ActionForReview) => Promise<T>,
): Promise<T> {
  try {
    return await ctx.prisma.$transaction(async (tx) => step(tx, await loadActionForReview(tx, target)));
  } catch (error) {
    throw toAppError(error);
  }
}
