import { z } from 'zod';
import { localDateOf } from '../../domain/business-days';
import { formatCalendarDate } from '../../domain/calendar-date';
import { checkStartWithoutHandoffReason, handoffKickoffDate } from '../../domain/handoff-questions';
import { accountRefusal, canManageAccount } from '../../domain/roles';
import { AppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { fieldError } from '../errors/field-errors';
import { toAppError } from '../errors/to-app-error';
import { parseOptions } from '../errors/parse-options';
import { actingPersonSchema, loadActingPerson } from '../people/acting-person';
import { startPlan } from '../plan/start-plan';
import { loadHandoffAccount } from './load-handoff-account';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  accountId: z.string().min(1),
  actor: actingPersonSchema,
  /** Why the plan cannot wait for the AE: required, kept on the handoff and the audit trail. */
  reason: z.string().max(5000),
});

export interface StartedWithoutHandoff {
  accountId: string;
  accountName: string;
  kickoffDate: string;
}

/**
 * The account's CSM (or an admin) starts the plan without waiting for the AE's handoff, saying why. The plan starts
 * from the planned kickoff (today when that has passed), as a submitted handoff would start it; the AE's form still
 * takes the handoff afterwards, it only no longer starts anything. Audited.
 */
export async function startPlanWithoutHandoff(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<StartedWithoutHandoff> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const account = await loadHandoffAccount(tx, o.organizationId, o.accountId);
      const person = await loadActingPerson(tx, o.organizationId, o.actor);
      const acting = { userId: person.userId ?? '', role: person.role };
      if (!canManageAccount(acting, account)) {
        throw new AppError('forbidden', accountRefusal(acting, account, 'start its plan without the handoff'));
      }
      const reason = checkStartWithoutHandoffReason(o.reason);
      if (!reason.ok) throw fieldError('reason', reason.message);
      if (account.status !== 'pending_handoff') {
        throw new AppError(
          'illegal_transition',
          `${account.name} is not waiting for its handoff (its plan has started already); nothing to start.`,
        );
      }
      const started = await startPlan(tx, {
        accountId: account.id,
        kickoffDate: handoffKickoffDate({
          answered: null,
          planned: formatCalendarDate(account.kickoffDate),
          today: formatCalendarDate(localDateOf(now, account.organization.timezone)),
        }),
        actor: person.auditActor,
        reason: `started without the handoff: ${reason.value}`,
        at: now,
      });
      const handoff = await tx.handoff.upsert({
        where: { accountId: account.id },
        create: {
          accountId: account.id,
          startedWithoutHandoffAt: now,
          startedWithoutHandoffById: person.userId,
          startedWithoutHandoffReason: reason.value,
        },
        update: {
          startedWithoutHandoffAt: now,
          startedWithoutHandoffById: person.userId,
          startedWithoutHandoffReason: reason.value,
        },
        select: { id: true },
      });
      await recordAuditEvent(tx, {
        organizationId: account.organizationId,
        accountId: account.id,
        entityType: 'handoff',
        entityId: handoff.id,
        actor: person.auditActor,
        to: 'started_without_handoff',
        reason: reason.value,
        at: now,
      });
      return { accountId: account.id, accountName: account.name, kickoffDate: started.kickoffDate };
    });
  } catch (error) {
    throw toAppError(error);
  }
}
