import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import type { ReviewCardData } from './review-card-data';
import { REVIEW_CARD_INCLUDE, toReviewCardData } from './to-review-card-data';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  /** Only this account. */
  accountId: z.string().min(1).optional(),
  /** Only accounts this user is the CSM of. */
  csmUserId: z.string().min(1).optional(),
  limit: z.number().int().min(1).max(100).default(20),
});

export interface ReviewQueue {
  cards: ReviewCardData[];
  /** How many more are waiting beyond the limit. */
  more: number;
}

/** Ready and review-pending actions, grouped by account then milestone (plan order), for `/thread review`. */
export async function listReviewQueue(ctx: ServiceContext, input: z.input<typeof optionsSchema>): Promise<ReviewQueue> {
  const o = parseOptions(optionsSchema, input);
  const where = {
    status: { in: ['ready' as const, 'review_pending' as const] },
    account: { organizationId: o.organizationId, ...(o.csmUserId ? { csmId: o.csmUserId } : {}) },
    ...(o.accountId ? { accountId: o.accountId } : {}),
  };
  const [total, actions] = await Promise.all([
    ctx.prisma.action.count({ where }),
    ctx.prisma.action.findMany({
      where,
      include: REVIEW_CARD_INCLUDE,
      orderBy: [{ account: { name: 'asc' } }, { position: 'asc' }],
      take: o.limit,
    }),
  ]);
  const approverIds = [...new Set(actions.map((a) => a.approvedById).filter((id): id is string => id !== null))];
  const approvers = approverIds.length
    ? await ctx.prisma.user.findMany({ where: { id: { in: approverIds } }, select: { id: true, slackUserId: true } })
    : [];
  const slackIdOf = new Map(approvers.map((u) => [u.id, u.slackUserId]));
  return {
    cards: actions.map((a) => toReviewCardData(a, a.approvedById ? (slackIdOf.get(a.approvedById) ?? null) : null)),
    more: Math.max(0, total - actions.length),
  };
}
