import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import type { ReviewCardData } from './review-card-data';
import { skipReleaseNotes } from './skip-release-notes';
import { REVIEW_CARD_INCLUDE, toReviewCardData } from './to-review-card-data';

const optionsSchema = z.object({ actionIds: z.array(z.string().min(1)) });

/**
 * Several actions as their review cards show them, read together (a tick's batch of cards in a few queries rather
 * than a few per card). In the order asked; an action that does not exist (any more) is left out.
 */
export async function getReviewCards(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<ReviewCardData[]> {
  const o = parseOptions(optionsSchema, input);
  if (o.actionIds.length === 0) return [];
  const actions = await ctx.prisma.action.findMany({
    where: { id: { in: o.actionIds } },
    include: REVIEW_CARD_INCLUDE,
  });
  const approverIds = [...new Set(actions.flatMap((a) => (a.approvedById ? [a.approvedById] : [])))];
  const approvers = new Map(
    approverIds.length === 0
      ? []
      : (
          await ctx.prisma.user.findMany({
            where: { id: { in: approverIds } },
            select: { id: true, slackUserId: true },
          })
        ).map((u) => [u.id, u.slackUserId]),
  );
  const skipNotes = await skipReleaseNotes(
    ctx.prisma,
    actions.map((a) => a.id),
  );
  const byId = new Map(actions.map((a) => [a.id, a]));
  return o.actionIds.flatMap((id) => {
    const action = byId.get(id);
    if (!action) return [];
    return [
      toReviewCardData(action, {
        approvedBySlackUserId: action.approvedById ? (approvers.get(action.approvedById) ?? null) : null,
        releasedBySkipOf: skipNotes.get(action.id) ?? null,
      }),
    ];
  });
}
