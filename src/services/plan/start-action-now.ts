import { z } from 'zod';
import { checkStartNow } from '../../domain/plan-engine';
import { accountRefusal, canManageAccount } from '../../domain/roles';
import { AppError } from '../../lib/errors';
import { recordEntityChange } from '../audit/record-entity-change';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { toAppError } from '../errors/to-app-error';
import { actingPersonSchema, loadActingPerson } from '../people/acting-person';
import { refreshNextActionAt } from './refresh-next-action-at';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  actor: actingPersonSchema,
  actionId: z.string().min(1),
});

export interface StartedAction {
  actionId: string;
  actionName: string;
  accountId: string;
  accountName: string;
  /** When the scheduler fires it: now, or the time an earlier click gave it. */
  dueAt: Date;
  /** False when it had already been started (a double click): nothing was written. */
  changed: boolean;
}

/**
 * "Start now" on a manual action, by the account's CSM or an admin: the action becomes due now, so the next
 * scheduler tick fires it like any other (draft, lint, review card, the portal throttle for portal requests).
 * Audited. Starting it again before it fires changes nothing.
 */
export async function startActionNow(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<StartedAction> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const action = await tx.action.findFirst({
        where: { id: o.actionId, account: { organizationId: o.organizationId } },
        select: {
          id: true,
          name: true,
          status: true,
          triggerKind: true,
          dueAt: true,
          accountId: true,
          account: { select: { name: true, csmId: true } },
        },
      });
      if (!action) throw new AppError('not_found', 'that action does not exist (any more).');
      const person = await loadActingPerson(tx, o.organizationId, o.actor);
      const acting = { userId: person.userId ?? '', role: person.role };
      if (!canManageAccount(acting, action.account)) {
        throw new AppError('forbidden', accountRefusal(acting, action.account, 'start actions'));
      }
      const result = {
        actionId: action.id,
        actionName: action.name,
        accountId: action.accountId,
        accountName: action.account.name,
      };
      const check = checkStartNow(action);
      if (!check.ok) {
        throw new AppError(action.triggerKind === 'manual' ? 'illegal_transition' : 'validation_failed', check.message);
      }
      if (check.value === 'already_started' && action.dueAt) return { ...result, dueAt: action.dueAt, changed: false };

      const updated = await tx.action.updateMany({
        where: { id: action.id, status: 'pending', dueAt: null },
        data: { dueAt: now },
      });
      if (updated.count !== 1) throw new AppError('conflict', `"${action.name}" changed meanwhile; look again.`);
      await recordEntityChange(
        tx,
        'action',
        { id: action.id, accountId: action.accountId, organizationId: o.organizationId },
        {
          actor: person.auditActor,
          reason: 'started by hand ("Start now")',
          data: { dueAt: now.toISOString() },
          at: now,
        },
      );
      await refreshNextActionAt(tx, [action.accountId]);
      return { ...result, dueAt: now, changed: true };
    });
  } catch (error) {
    throw toAppError(error);
  }
}
