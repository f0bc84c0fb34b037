import { z } from 'zod';
import { assertCanApprove } from '../../domain/action-state';
import { transitionAction } from '../actions/transition-action';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { reviewTargetShape, runReviewStep } from './run-review-step';

const optionsSchema = z.object(reviewTargetShape);

/**
 * Marks a ready draft approved (a flag, not a status). Approving twice is a no-op (`changed: false`), so a double
 * click or a retried request records one approval.
 */
export async function approveAction(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<{ actionId: string; changed: boolean }> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  return runReviewStep(ctx, { ...o, doing: 'approve drafts' }, async (tx, action) => {
    assertCanApprove(action.status);
    // Approval is a flag, not a status: no event, but still conditional (not yet approved) and audited.
    const { changed } = await transitionAction(tx, {
      action: { ...action, organizationId: action.account.organizationId },
      event: null,
      where: { approvedAt: null },
      data: { approvedAt: now, approvedById: action.person.auditActor },
      conflict: null,
      actor: action.person.auditActor,
      reason: 'approved',
      at: now,
    });
    return { actionId: action.id, changed };
  });
}
