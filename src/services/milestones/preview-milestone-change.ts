import { z } from 'zod';
import { isOpenAction, OPEN_ACTION_STATUSES } from '../../domain/action-state';
import { triggerAnchor } from '../../domain/triggers';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';

const optionsSchema = z.object({ organizationId: z.string().min(1), milestoneId: z.string().min(1) });

export interface MilestoneChangePreview {
  milestoneId: string;
  milestoneName: string;
  accountId: string;
  accountName: string;
  status: string;
  blockerNote: string | null;
  /** Actions that starting this milestone schedules. */
  actionsOnStart: string[];
  /** Open actions of this milestone (completing it with any needs an override reason). */
  openActions: { name: string; status: string }[];
  /** Open actions still on the milestone before this one (a warning when starting). */
  previousOpenActions: { name: string; status: string }[];
  previousMilestoneName: string | null;
  nextMilestoneName: string | null;
}

/** What the Start / Complete / Block / Unblock modals tell the CSM before they confirm. */
export async function previewMilestoneChange(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<MilestoneChangePreview> {
  const o = parseOptions(optionsSchema, input);
  const milestone = await ctx.prisma.milestone.findFirst({
    where: { id: o.milestoneId, account: { organizationId: o.organizationId } },
    include: { account: { select: { id: true, name: true } }, actions: { orderBy: { position: 'asc' } } },
  });
  if (!milestone) throw new AppError('not_found', 'that milestone does not exist (any more)');
  const [previous, next] = await Promise.all([
    ctx.prisma.milestone.findFirst({
      where: { accountId: milestone.accountId, position: milestone.position - 1 },
      include: { actions: { where: { status: { in: [...OPEN_ACTION_STATUSES] } }, orderBy: { position: 'asc' } } },
    }),
    ctx.prisma.milestone.findFirst({
      where: { accountId: milestone.accountId, position: milestone.position + 1 },
      select: { name: true },
    }),
  ]);
  return {
    milestoneId: milestone.id,
    milestoneName: milestone.name,
    accountId: milestone.account.id,
    accountName: milestone.account.name,
    status: milestone.status,
    blockerNote: milestone.blockerNote,
    actionsOnStart: milestone.actions
      .filter((a) => a.status === 'pending' && triggerAnchor(a.triggerKind, a.afterActionKey) === 'milestone_start')
      .map((a) => a.name),
    openActions: milestone.actions
      .filter((a) => isOpenAction(a.status))
      .map((a) => ({ name: a.name, status: a.status })),
    previousOpenActions: previous?.actions.map((a) => ({ name: a.name, status: a.status })) ?? [],
    previousMilestoneName: previous?.name ?? null,
    nextMilestoneName: next?.name ?? null,
  };
}
