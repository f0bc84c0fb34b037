/**
 * The frame every change to one account's plan runs in: one transaction that finds the account (from itself, one of
 * its actions or one of its milestones, only within the organisation), locks it so two changes to the same plan
 * never interleave, re-reads the person's role, and lets only the account's CSM or an admin through. A completed or
 * churned onboarding's plan is history and no longer changes.
 */
import { z } from 'zod';
import { businessCalendar, type BusinessCalendar } from '../../domain/business-days';
import { accountRefusal, canManageAccount } from '../../domain/roles';
import { AppError } from '../../lib/errors';
import type { ServiceContext, Tx } from '../context';
import { toAppError } from '../errors/to-app-error';
import { actingPersonSchema, loadActingPerson, type ActingPerson } from '../people/acting-person';

/** The fields every plan change is called with: in which organisation, by whom. */
export const planChangeShape = {
  organizationId: z.string().min(1),
  actor: actingPersonSchema,
};

export type PlanTarget = { accountId: string } | { actionId: string } | { milestoneId: string };

export interface PlanAccount {
  id: string;
  name: string;
  organizationId: string;
  csmId: string | null;
  templateId: string | null;
  /** Calendar date (UTC midnight). */
  kickoffDate: Date;
  goLiveDate: Date | null;
  calendar: BusinessCalendar;
}

export interface PlanChangeFrame {
  account: PlanAccount;
  person: ActingPerson;
}

async function accountIdOf(tx: Tx, organizationId: string, target: PlanTarget): Promise<string | null> {
  if ('accountId' in target) return target.accountId;
  const row =
    'actionId' in target
      ? await tx.action.findFirst({
          where: { id: target.actionId, account: { organizationId } },
          select: { accountId: true },
        })
      : await tx.milestone.findFirst({
          where: { id: target.milestoneId, account: { organizationId } },
          select: { accountId: true },
        });
  return row?.accountId ?? null;
}

function missing(target: PlanTarget): AppError {
  const what = 'accountId' in target ? 'account' : 'actionId' in target ? 'action' : 'milestone';
  return new AppError('not_found', `that ${what} is not in the plan (any more).`);
}

export async function runPlanChange<T>(
  ctx: ServiceContext,
  o: { organizationId: string; actor: z.output<typeof actingPersonSchema>; target: PlanTarget },
  change: (tx: Tx, frame: PlanChangeFrame) => Promise<T>,
): Promise<T> {
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const accountId = await accountIdOf(tx, o.organizationId, o.target);
      if (!accountId) throw missing(o.target);
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT "id" FROM "Account" WHERE "id" = ${accountId} AND "organizationId" = ${o.organizationId} FOR UPDATE`;
      if (locked.length === 0) throw missing(o.target);
      const account = await tx.account.findUniqueOrThrow({
        where: { id: accountId },
        select: {
          id: true,
          name: true,
          organizationId: true,
          csmId: true,
          status: true,
          templateId: true,
          kickoffDate: true,
          goLiveDate: true,
          organization: { select: { timezone: true, workingDays: true } },
        },
      });
      const person = await loadActingPerson(tx, o.organizationId, o.actor);
      const acting = { userId: person.userId ?? '', role: person.role };
      if (!canManageAccount(acting, account)) {
        throw new AppError('forbidden', accountRefusal(acting, account, "change the account's plan"));
      }
      if (account.status === 'completed' || account.status === 'churned') {
        throw new AppError(
          'illegal_transition',
          `${account.name} is ${account.status}; its plan is history and can no longer change.`,
        );
      }
      const { organization, status: _status, ...rest } = account;
      const calendar = businessCalendar(organization.timezone, organization.workingDays);
      return change(tx, { account: { ...rest, calendar }, person });
    });
  } catch (error) {
    throw toAppError(error);
  }
}
