import type { Prisma } from '../../db/generated/client';
import { CURRENT_MILESTONE_STATUSES } from '../../domain/current-milestone';

/**
 * domain/current-milestone as a nested query, for lists that show one milestone per account without loading whole
 * plans: the milestones under way, first in plan order, only that one. Add a `select`.
 */
export const CURRENT_MILESTONE_ONLY: {
  where: Prisma.MilestoneWhereInput;
  orderBy: Prisma.MilestoneOrderByWithRelationInput;
  take: number;
} = {
  where: { status: { in: [...CURRENT_MILESTONE_STATUSES] } },
  orderBy: { position: 'asc' },
  take: 1,
};
