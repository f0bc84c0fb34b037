/**
 * The shared step behind the completion services: executed (or, for internal tasks, ready) → completed,
 * conditional on the state read, audited, and the actions waiting on this one get their due times.
 */
import type { Prisma } from '../../db/generated/client';
import { nextActionStatus, type ActionStatus } from '../../domain/action-state';
import type { ActionType } from '../../domain/template';
import { AppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext, Tx } from '../context';
import { toAppError } from '../errors/to-app-error';
import { propagateTriggers } from '../scheduler/propagate-triggers';

export interface CompletionInput {
  actionId: string;
  actor: string;
  reason: string;
  /** Only these action types may be completed this way. */
  types: readonly ActionType[];
  /** Extra writes in the same transaction (an engagement event). */
  alsoWrite?: (tx: Tx, action: { id: string; accountId: string }) => Promise<void>;
  data?: Prisma.InputJsonValue;
}

export async function completeAction(ctx: ServiceContext, input: CompletionInput): Promise<{ actionId: string; accountId: string; status: 'completed' }> {
  const now = ctx.now();
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const action = await tx.action.findUnique({ where: { id: input.actionId }, include: { account: { select: { organizationId: true } } } });
      if (!action) throw new AppError('not_found', `action ${input.actionId} does not exist`);
      if (!input.types.includes(action.type as ActionType)) {
        throw new AppError('validation_failed', `"${action.name}" is a ${action.type.replace('_', ' ')}; it cannot be completed this way`);
      }
      const from = action.status as ActionStatus;
      const to = nextActionStatus(from, 'complete', { type: action.type as ActionType });
      const updated = await tx.action.updateMany({ where: { id: action.id, status: from }, data: { status: to, completedAt: now } });
      if (updated.count !== 1) throw new AppError('conflict', `"${action.name}" changed meanwhile; look again`);
      await input.alsoWrite?.(tx, action);
      await recordAuditEvent(tx, {
        organizationId: action.account.organizationId,
        accountId: action.accountId,
        entityType: 'action',
        entityId: action.id,
        actor: input.actor,
        from,
        to,
        reason: input.reason,
        data: input.data,
        at: now,
      });
      // An internal task completed straight from ready was never "executed": this is its done event.
      await propagateTriggers(tx, { kind: 'action_done', accountId: action.accountId, actionKey: action.key, at: now });
      return { actionId: action.id, accountId: action.accountId, status: 'completed' as const };
    });
  } catch (error) {
    throw toAppError(error);
  }
}
