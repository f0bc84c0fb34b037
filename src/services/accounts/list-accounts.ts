import { z } from 'zod';
import type { Prisma } from '../../db/generated/client';
import { CURRENT_MILESTONE_STATUSES } from '../../domain/current-milestone';
import { parseOptions } from '../errors/parse-options';
import type { ServiceContext } from '../context';
import { CURRENT_MILESTONE_ONLY } from './current-milestone-query';

export const ACCOUNT_SORTS = ['next', 'arr', 'name', 'progress'] as const;
import { ACCOUNT_STATUSES } from '../../domain/account-state';

export { ACCOUNT_STATUSES };

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  status: z.enum(ACCOUNT_STATUSES).optional(),
  /** Accounts whose current (in progress or blocked) milestone has this name, case-insensitive. */
  milestone: z.string().trim().min(1).optional(),
  csmUserId: z.string().min(1).optional(),
  sort: z.enum(ACCOUNT_SORTS).default('next'),
  limit: z.number().int().min(1).max(200).default(25),
});

export type ListAccountsOptions = z.input<typeof optionsSchema>;

export interface AccountListRow {
  id: string;
  name: string;
  status: string;
  arr: number;
  csmName: string | null;
  csmSlackUserId: string | null;
  currentMilestone: string | null;
  currentMilestoneBlocked: boolean;
  nextActionAt: Date | null;
  progressPct: number;
}

const ORDER: Record<(typeof ACCOUNT_SORTS)[number], Prisma.AccountOrderByWithRelationInput[]> = {
  // Accounts with nothing scheduled sort last; ties by name keep the list stable.
  next: [{ nextActionAt: { sort: 'asc', nulls: 'last' } }, { name: 'asc' }],
  arr: [{ arr: 'desc' }, { name: 'asc' }],
  name: [{ name: 'asc' }],
  progress: [{ progressPct: 'asc' }, { name: 'asc' }],
};

/** The prioritised account list behind `/thread accounts` and `accounts list`. */
export async function listAccounts(ctx: ServiceContext, input: ListAccountsOptions): Promise<AccountListRow[]> {
  const o = parseOptions(optionsSchema, input);
  const where: Prisma.AccountWhereInput = {
    organizationId: o.organizationId,
    ...(o.status ? { status: o.status } : {}),
    ...(o.csmUserId ? { csmId: o.csmUserId } : {}),
    ...(o.milestone
      ? {
          milestones: {
            some: {
              name: { equals: o.milestone, mode: 'insensitive' },
              status: { in: [...CURRENT_MILESTONE_STATUSES] },
            },
          },
        }
      : {}),
  };
  const accounts = await ctx.prisma.account.findMany({
    where,
    orderBy: ORDER[o.sort],
    take: o.limit,
    select: {
      id: true,
      name: true,
      status: true,
      arr: true,
      nextActionAt: true,
      progressPct: true,
      csm: { select: { name: true, slackUserId: true } },
      milestones: { ...CURRENT_MILESTONE_ONLY, select: { name: true, status: true } },
    },
  });
  return accounts.map((a) => ({
    id: a.id,
    name: a.name,
    status: a.status,
    arr: a.arr,
    csmName: a.csm?.name ?? null,
    csmSlackUserId: a.csm?.slackUserId ?? null,
    currentMilestone: a.milestones[0]?.name ?? null,
    currentMilestoneBlocked: a.milestones[0]?.status === 'blocked',
    nextActionAt: a.nextActionAt,
    progressPct: a.progressPct,
  }));
}
