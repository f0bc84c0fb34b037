import { z } from 'zod';
import { isOpenAction } from '../../domain/action-state';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';

const optionsSchema = z.object({ organizationId: z.string().min(1), accountId: z.string().min(1) });

export interface TimelineMilestone {
  id: string;
  position: number;
  name: string;
  status: string;
  plannedStartDate: Date;
  plannedEndDate: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  blockerNote: string | null;
  completionOverride: string | null;
  openActions: number;
  totalActions: number;
}

export interface AccountTimeline {
  accountId: string;
  accountName: string;
  csmId: string | null;
  milestones: TimelineMilestone[];
}

/** Milestones with planned and actual dates, status and blocker notes, for `/thread timeline`. */
export async function getTimeline(ctx: ServiceContext, input: z.input<typeof optionsSchema>): Promise<AccountTimeline> {
  const o = parseOptions(optionsSchema, input);
  const account = await ctx.prisma.account.findFirst({
    where: { id: o.accountId, organizationId: o.organizationId },
    select: {
      id: true,
      name: true,
      csmId: true,
      milestones: { orderBy: { position: 'asc' }, include: { actions: { select: { status: true } } } },
    },
  });
  if (!account) throw new AppError('not_found', 'that account does not exist (any more)');
  return {
    accountId: account.id,
    accountName: account.name,
    csmId: account.csmId,
    milestones: account.milestones.map((m) => ({
      id: m.id,
      position: m.position,
      name: m.name,
      status: m.status,
      plannedStartDate: m.plannedStartDate,
      plannedEndDate: m.plannedEndDate,
      startedAt: m.startedAt,
      completedAt: m.completedAt,
      blockerNote: m.blockerNote,
      completionOverride: m.completionOverride,
      openActions: m.actions.filter((a) => isOpenAction(a.status)).length,
      totalActions: m.actions.length,
    })),
  };
}
