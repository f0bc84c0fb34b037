import { z } from 'zod';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import type { ReviewCardData } from './review-card-data';
import { skipReleaseNotes } from './skip-release-notes';
import { REVIEW_CARD_INCLUDE, toReviewCardData } from './to-review-card-data';

const optionsSchema = z.object({ actionId: z.string().min(1) });

/** One action as its review card shows it. */
export async function getReviewCard(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<ReviewCardData> {
  const o = parseOptions(optionsSchema, input);
  const action = await ctx.prisma.action.findUnique({ where: { id: o.actionId }, include: REVIEW_CARD_INCLUDE });
  if (!action) throw new AppError('not_found', 'that action does not exist (any more)');
  const approver = action.approvedById
    ? await ctx.prisma.user.findUnique({ where: { id: action.approvedById }, select: { slackUserId: true } })
    : null;
  const skipNotes = await skipReleaseNotes(ctx.prisma, [action.id]);
  return toReviewCardData(action, {
    approvedBySlackUserId: approver?.slackUserId ?? null,
    releasedBySkipOf: skipNotes.get(action.id) ?? null,
  });
}
