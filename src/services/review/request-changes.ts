import { z } from 'zod';
import { nextActionStatus } from '../../domain/action-state';
import { AppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { toAppError } from '../errors/to-app-error';
import { managingActorSchema } from '../milestones/actor-schema';
import { loadActionForReview } from './load-action-for-review';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  actionId: z.string().min(1),
  actor: managingActorSchema,
  note: z.string().trim().min(1, 'say what should change').max(2000, 'keep the note under 2000 characters'),
});

/** Ready → review pending with the CSM's note (the redrafter reads it). Approval is cleared. Audited. */
export async function requestChanges(ctx: ServiceContext, input: z.input<typeof optionsSchema>): Promise<{ actionId: string; status: string }> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const action = await loadActionForReview(tx, { ...o, doing: 'request changes to drafts' });
      const to = nextActionStatus(action.status, 'request_changes');
      const updated = await tx.action.updateMany({
        where: { id: action.id, status: action.status },
        data: { status: to, reviewNote: o.note, approvedAt: null, approvedById: null },
      });
      if (updated.count !== 1) throw new AppError('conflict', `"${action.name}" changed while you were reviewing it; look again.`);
      await recordAuditEvent(tx, {
        organizationId: action.account.organizationId,
        accountId: action.accountId,
        entityType: 'action',
        entityId: action.id,
        actor: o.actor.userId,
        from: action.status,
        to,
        reason: o.note,
        at: now,
      });
      return { actionId: action.id, status: to };
    });
  } catch (error) {
    throw toAppError(error);
  }
}
