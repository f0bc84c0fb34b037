import { z } from 'zod';
import type { Prisma } from '../../db/generated/client';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import type { ReviewCardData } from './review-card-data';
import { skipReleaseNotes } from './skip-release-notes';
import { REVIEW_CARD_INCLUDE, toReviewCardData } from './to-review-card-data';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  /** Only this account. */
  accountId: z.string().min(1).optional(),
  /** Only accounts this user is the CSM of. */
  csmUserId: z.string().min(1).optional(),
  limit: z.number().int().min(1).max(100).default(20),
});

/** A manual action nobody has started yet, in a milestone that has: it waits for its CSM's "Start now". */
export interface ActionToStart {
  actionId: string;
  accountId: string;
  accountName: string;
  milestoneName: string;
  actionName: string;
  type: string;
  csmId: string | null;
}

export interface ReviewQueue {
  cards: ReviewCardData[];
  /** How many more are waiting beyond the limit. */
  more: number;
  /** Manual actions waiting to be started, in plan order; at most `limit`. */
  toStart: ActionToStart[];
}

/**
 * Ready and review-pending actions, grouped by account then milestone (plan order), for `/thread review`; and the
 * manual actions of started milestones that only a person can start.
 */
export async function listReviewQueue(ctx: ServiceContext, input: z.input<typeof optionsSchema>): Promise<ReviewQueue> {
  const o = parseOptions(optionsSchema, input);
  const scope = {
    account: { organizationId: o.organizationId, ...(o.csmUserId ? { csmId: o.csmUserId } : {}) },
    ...(o.accountId ? { accountId: o.accountId } : {}),
  } satisfies Prisma.ActionWhereInput;
  const where = { ...scope, status: { in: ['ready' as const, 'review_pending' as const] } };
  const [total, actions, manual] = await Promise.all([
    ctx.prisma.action.count({ where }),
    ctx.prisma.action.findMany({
      where,
      include: REVIEW_CARD_INCLUDE,
      orderBy: [{ account: { name: 'asc' } }, { position: 'asc' }],
      take: o.limit,
    }),
    ctx.prisma.action.findMany({
      where: {
        ...scope,
        status: 'pending',
        triggerKind: 'manual',
        dueAt: null,
        milestone: { status: { not: 'pending' } },
      },
      select: {
        id: true,
        name: true,
        type: true,
        accountId: true,
        milestone: { select: { name: true } },
        account: { select: { name: true, csmId: true } },
      },
      orderBy: [{ account: { name: 'asc' } }, { position: 'asc' }],
      take: o.limit,
    }),
  ]);
  const approverIds = [...new Set(actions.map((a) => a.approvedById).filter((id): id is string => id !== null))];
  const [approvers, skipNotes] = await Promise.all([
    approverIds.length
      ? ctx.prisma.user.findMany({ where: { id: { in: approverIds } }, select: { id: true, slackUserId: true } })
      : [],
    skipReleaseNotes(
      ctx.prisma,
      actions.map((a) => a.id),
    ),
  ]);
  const slackIdOf = new Map(approvers.map((u) => [u.id, u.slackUserId]));
  return {
    cards: actions.map((a) =>
      toReviewCardData(a, {
        approvedBySlackUserId: a.approvedById ? (slackIdOf.get(a.approvedById) ?? null) : null,
        releasedBySkipOf: skipNotes.get(a.id) ?? null,
      }),
    ),
    more: Math.max(0, total - actions.length),
    toStart: manual.map((a) => ({
      actionId: a.id,
      accountId: a.accountId,
      accountName: a.account.name,
      milestoneName: a.milestone.name,
      actionName: a.name,
      type: a.type,
      csmId: a.account.csmId,
    })),
  };
}
