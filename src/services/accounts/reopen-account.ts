import { z } from 'zod';
import type { Prisma } from '../../db/generated/client';
import { isAccountStatus, type AccountStatus } from '../../domain/account-state';
import { formatCalendarDate } from '../../domain/calendar-date';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { toAppError } from '../errors/to-app-error';
import { parseOptions } from '../errors/parse-options';
import { transitionMilestone } from '../milestones/transition-milestone';
import { actingPersonSchema, assertCapability, loadActingPerson } from '../people/acting-person';
import { refreshAccountSlip } from '../metrics/refresh-account-slip';
import { refreshAccountSchedule } from './refresh-account-schedule';
import { transitionAccount } from './transition-account';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  accountId: z.string().min(1),
  actor: actingPersonSchema,
  /** Why it is reopened; optional, kept on the audit trail. */
  reason: z.string().trim().max(1000, 'keep the reason to 1000 characters or fewer').optional(),
});

export interface ReopenedAccount {
  accountId: string;
  from: AccountStatus;
  status: 'active';
  /** The last milestone, back in progress, when the whole plan had been completed. */
  reopenedMilestone: { id: string; name: string } | null;
}

/**
 * An admin takes back a completed (live) or churned account: it is active again, its go-live or churn record is
 * cleared (the audit trail keeps them), and when every milestone was completed the last one is in progress again,
 * so finishing it later goes live anew. Audited, account and milestone alike.
 */
export async function reopenAccount(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<ReopenedAccount> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const account = await tx.account.findFirst({
        where: { id: o.accountId, organizationId: o.organizationId },
        select: {
          id: true,
          name: true,
          organizationId: true,
          status: true,
          goLiveActualDate: true,
          timeToValueDays: true,
          completedAt: true,
          churnReason: true,
        },
      });
      if (!account || !isAccountStatus(account.status)) throw new AppError('not_found', 'that account does not exist.');
      const person = await loadActingPerson(tx, o.organizationId, o.actor);
      assertCapability(person, 'manage_any_account', 'reopen an account');
      const { from } = await transitionAccount(tx, {
        account: { ...account, status: account.status },
        event: 'reopen',
        data: { goLiveActualDate: null, timeToValueDays: null, completedAt: null, churnReason: null, churnedAt: null },
        actor: person.auditActor,
        reason: o.reason ? `reopened: ${o.reason}` : 'reopened',
        auditData: {
          goLiveActualDate: account.goLiveActualDate ? formatCalendarDate(account.goLiveActualDate) : null,
          timeToValueDays: account.timeToValueDays,
          completedAt: account.completedAt?.toISOString() ?? null,
          churnReason: account.churnReason,
        } satisfies Prisma.InputJsonObject,
        at: now,
      });

      let reopenedMilestone: ReopenedAccount['reopenedMilestone'] = null;
      const milestones = await tx.milestone.findMany({
        where: { accountId: account.id },
        orderBy: { position: 'asc' },
      });
      const last = milestones.at(-1);
      if (last && milestones.every((m) => m.status === 'completed')) {
        await transitionMilestone(tx, {
          milestone: { ...last, organizationId: account.organizationId, status: 'completed' },
          event: 'reopen',
          data: { completedAt: null, completionOverride: null },
          conflict: `${last.name} changed while you were reopening ${account.name}; look again.`,
          actor: person.auditActor,
          reason: `reopened with ${account.name}`,
          at: now,
        });
        reopenedMilestone = { id: last.id, name: last.name };
      }
      await refreshAccountSchedule(tx, account.id);
      // Running again, its last milestone open: the days from now on can slip, and the ledger says so.
      await refreshAccountSlip(tx, { accountId: account.id, now });
      return { accountId: account.id, from, status: 'active' as const, reopenedMilestone };
    });
  } catch (error) {
    throw toAppError(error);
  }
}
