import { z } from 'zod';
import type { ServiceContext, Tx } from '../context';
import { toAppError } from '../errors/to-app-error';
import { accountActorSchema } from '../permissions/authorize-account-change';
import { loadMilestoneForChange } from './load-milestone-for-change';

/** The fields every milestone change is called with: which milestone, in which organisation, by whom. */
export const milestoneTargetShape = {
  organizationId: z.string().min(1),
  milestoneId: z.string().min(1),
  actor: accountActorSchema,
};

type MilestoneTarget = z.infer<z.ZodObject<typeof milestoneTargetShape>>;
type MilestoneForChange = Awaited<ReturnType<typeof loadMilestoneForChange>>;

/**
 * The frame of a milestone change (start, complete, block, unblock): one transaction that loads the milestone
 * after the permission check, and domain errors told as AppErrors.
 */
export async function runMilestoneChange<T>(
  ctx: ServiceContext,
  target: MilestoneTarget & { doing: string },
  change: (tx: Tx, milestone: MilestoneForChange) => Promise<T>,
): Promise<T> {
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const milestone = await loadMilestoneForChange(tx, {
        organizationId: target.organizationId,
        milestoneId: target.milestoneId,
        actor: target.actor,
        doing: target.doing,
      });
      return change(tx, milestone);
    });
  } catch (error) {
    throw toAppError(error);
  }
}
