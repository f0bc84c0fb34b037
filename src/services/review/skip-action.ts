import { z } from 'zod';
import type { ActionType } from '../../domain/template';
import { transitionAction } from '../actions/transition-action';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { propagateActionChange } from '../plan/propagate-action-change';
import { recordSkipReleases } from '../plan/record-skip-releases';
import { reviewTargetShape, runReviewStep } from './run-review-step';

const optionsSchema = z.object({
  ...reviewTargetShape,
  reason: z.string().trim().max(2000).optional(),
});

/**
 * Skips an action that has not been sent. What waits on it is released as if it had been done (or answered) now,
 * so a skip never strands the rest of the plan; each released action's audit trail says it was the skip.
 * Skipping a skipped action is a no-op, so a double click skips once.
 */
export async function skipAction(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<{ actionId: string; changed: boolean; released: { id: string; name: string; dueAt: Date }[] }> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  return runReviewStep(ctx, { ...o, doing: 'skip actions' }, async (tx, action) => {
    if (action.status === 'skipped') return { actionId: action.id, changed: false, released: [] };
    const audited = { ...action, organizationId: action.account.organizationId };
    await transitionAction(tx, {
      action: audited,
      event: 'skip',
      data: { skippedAt: now },
      conflict: `"${action.name}" changed while you were skipping it; look again.`,
      actor: action.person.auditActor,
      reason: o.reason || null,
      at: now,
    });
    const released = await propagateActionChange(tx, {
      accountId: action.accountId,
      action: { key: action.key, type: action.type as ActionType },
      event: 'skip',
      at: now,
    });
    await recordSkipReleases(tx, { skipped: audited, released, actor: o.actor.userId, at: now });
    return {
      actionId: action.id,
      changed: true,
      released: released.map(({ id, name, dueAt }) => ({ id, name, dueAt })),
    };
  });
}
