import { z } from 'zod';
import { transitionAction } from '../actions/transition-action';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { reviewTargetShape, runReviewStep } from './run-review-step';

const optionsSchema = z.object({
  ...reviewTargetShape,
  note: z.string().trim().min(1, 'say what should change').max(2000, 'keep the note under 2000 characters'),
});

/** Ready → review pending with the CSM's note (the redrafter reads it). Approval is cleared. Audited. */
export async function requestChanges(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<{ actionId: string; status: string }> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  return runReviewStep(ctx, { ...o, doing: 'request changes to drafts' }, async (tx, action) => {
    const { to } = await transitionAction(tx, {
      action: { ...action, organizationId: action.account.organizationId },
      event: 'request_changes',
      data: { reviewNote: o.note, approvedAt: null, approvedById: null },
      conflict: `"${action.name}" changed while you were reviewing it; look again.`,
      actor: action.person.auditActor,
      reason: o.note,
      at: now,
    });
    return { actionId: action.id, status: to };
  });
}
