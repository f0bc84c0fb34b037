import { z } from 'zod';
import { transitionAction } from '../actions/transition-action';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { reviewTargetShape, runReviewStep } from './run-review-step';

const optionsSchema = z.object({
  ...reviewTargetShape,
  reason: z.string().trim().max(2000).optional(),
});

/** Skips an action that has not been sent. Skipping a skipped action is a no-op, so a double click skips once. */
export async function skipAction(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<{ actionId: string; changed: boolean }> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  return runReviewStep(ctx, { ...o, doing: 'skip actions' }, async (tx, action) => {
    if (action.status === 'skipped') return { actionId: action.id, changed: false };
    await transitionAction(tx, {
      action: { ...action, organizationId: action.account.organizationId },
      event: 'skip',
      data: { skippedAt: now },
      conflict: `"${action.name}" changed while you were skipping it; look again.`,
      actor: action.person.auditActor,
      reason: o.reason || null,
      at: now,
    });
    return { actionId: action.id, changed: true };
  });
}
