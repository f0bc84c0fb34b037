/**
 * The shared step behind the completion services: executed (or, for internal tasks, ready) → completed,
 * conditional on the state read, audited, and the actions waiting on this one get their due times.
 */
import type { Prisma } from '../../db/generated/client';
import type { ActionStatus } from '../../domain/action-state';
import type { ActionType } from '../../domain/template';
import { AppError } from '../../lib/errors';
import { transitionAction } from '../actions/transition-action';
import type { z } from 'zod';
import type { Actor, ServiceContext, Tx } from '../context';
import { authorizeAccountChange, type accountActorSchema } from '../permissions/authorize-account-change';
import { toAppError } from '../errors/to-app-error';
import { propagateActionChange } from '../plan/propagate-action-change';

export interface CompletionInput {
  organizationId: string;
  actionId: string;
  /**
   * A person's click, checked like every change to an account (its CSM or an admin); or what Thread itself saw
   * (a customer's reply in Slack), which needs nobody's rights and is audited under that name.
   */
  by: { person: z.output<typeof accountActorSchema>; doing: string } | { observed: Actor };
  reason: string;
  /** Only these action types may be completed this way. */
  types: readonly ActionType[];
  /** Extra writes in the same transaction (an engagement event). */
  alsoWrite?: (tx: Tx, action: { id: string; accountId: string }) => Promise<void>;
  data?: Prisma.InputJsonValue;
}

export async function completeAction(
  ctx: ServiceContext,
  input: CompletionInput,
): Promise<{ actionId: string; accountId: string; status: 'completed' }> {
  const now = ctx.now();
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const action = await tx.action.findFirst({
        where: { id: input.actionId, account: { organizationId: input.organizationId } },
        include: { account: { select: { organizationId: true, name: true, csmId: true } } },
      });
      if (!action) throw new AppError('not_found', 'that action does not exist (any more)');
      const actor =
        'person' in input.by
          ? (
              await authorizeAccountChange(tx, {
                organizationId: input.organizationId,
                actor: input.by.person,
                account: action.account,
                doing: input.by.doing,
              })
            ).auditActor
          : input.by.observed;
      if (!input.types.includes(action.type as ActionType)) {
        throw new AppError(
          'validation_failed',
          `"${action.name}" is a ${action.type.replace('_', ' ')}; it cannot be completed this way`,
        );
      }
      await transitionAction(tx, {
        action: {
          id: action.id,
          status: action.status as ActionStatus,
          type: action.type as ActionType,
          accountId: action.accountId,
          organizationId: action.account.organizationId,
        },
        event: 'complete',
        data: { completedAt: now },
        conflict: `"${action.name}" changed meanwhile; look again`,
        alsoWrite: async () => {
          await input.alsoWrite?.(tx, action);
        },
        actor,
        reason: input.reason,
        auditData: input.data,
        at: now,
      });
      // An internal task completed straight from ready had not been "executed": this is its done event.
      await propagateActionChange(tx, {
        accountId: action.accountId,
        action: { key: action.key, type: action.type as ActionType },
        event: 'complete',
        at: now,
      });
      return { actionId: action.id, accountId: action.accountId, status: 'completed' as const };
    });
  } catch (error) {
    throw toAppError(error);
  }
}
