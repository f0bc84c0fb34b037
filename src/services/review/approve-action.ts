import { z } from 'zod';
import { assertCanApprove } from '../../domain/action-state';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { toAppError } from '../errors/to-app-error';
import { managingActorSchema } from '../milestones/actor-schema';
import { loadActionForReview } from './load-action-for-review';

const optionsSchema = z.object({ organizationId: z.string().min(1), actionId: z.string().min(1), actor: managingActorSchema });

/**
 * Marks a ready draft approved (a flag, not a status). Approving twice is a no-op (`changed: false`), so a double
 * click or a retried request records one approval.
 */
export async function approveAction(ctx: ServiceContext, input: z.input<typeof optionsSchema>): Promise<{ actionId: string; changed: boolean }> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const action = await loadActionForReview(tx, { ...o, doing: 'approve drafts' });
      assertCanApprove(action.status);
      const updated = await tx.action.updateMany({
        where: { id: action.id, status: 'ready', approvedAt: null },
        data: { approvedAt: now, approvedById: o.actor.userId },
      });
      if (updated.count === 0) return { actionId: action.id, changed: false };
      await recordAuditEvent(tx, {
        organizationId: action.account.organizationId,
        accountId: action.accountId,
        entityType: 'action',
        entityId: action.id,
        actor: o.actor.userId,
        from: action.status,
        to: action.status,
        reason: 'approved',
        at: now,
      });
      return { actionId: action.id, changed: true };
    });
  } catch (error) {
    throw toAppError(error);
  }
}
