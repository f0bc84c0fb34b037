import { z } from 'zod';
import { nextActionStatus } from '../../domain/action-state';
import { AppError } from '../../lib/errors';
import { refreshAccountSchedule } from '../accounts/refresh-account-schedule';
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
  reason: z.string().trim().max(2000).optional(),
});

/** Skips an action that has not been sent. Skipping a skipped action is a no-op, so a double click skips once. */
export async function skipAction(ctx: ServiceContext, input: z.input<typeof optionsSchema>): Promise<{ actionId: string; changed: boolean }> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const action = await loadActionForReview(tx, { ...o, doing: 'skip actions' });
      if (action.status === 'skipped') return { actionId: action.id, changed: false };
      const to = nextActionStatus(action.status, 'skip');
      const updated = await tx.action.updateMany({ where: { id: action.id, status: action.status }, data: { status: to, skippedAt: now } });
      if (updated.count !== 1) throw new AppError('conflict', `"${action.name}" changed while you were skipping it; look again.`);
      await recordAuditEvent(tx, {
        organizationId: action.account.organizationId,
        accountId: action.accountId,
        entityType: 'action',
        entityId: action.id,
        actor: o.actor.userId,
        from: action.status,
        to,
        reason: o.reason || null,
        at: now,
      });
      await refreshAccountSchedule(tx, action.accountId);
      return { actionId: action.id, changed: true };
    });
  } catch (error) {
    throw toAppError(error);
  }
}
