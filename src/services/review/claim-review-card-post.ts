import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';

/**
 * How long a process may take between claiming a card and recording where it landed. A process that dies in
 * between leaves the card to be posted again after this, the one case where a card can appear twice.
 */
export const REVIEW_CARD_CLAIM_MS = 10 * 60_000;

const optionsSchema = z.object({ actionId: z.string().min(1) });

/** A claim on posting one action's first review card; give it back with releaseReviewCardPost when the post fails. */
export interface ReviewCardClaim {
  actionId: string;
  until: Date;
}

/**
 * Claims the right to post an action's first review card: null when it is not Ready, already has a card, or
 * another process (a tick, a button) is posting it right now. One conditional update, so of two processes trying
 * at once exactly one wins and the card is posted once.
 */
export async function claimReviewCardPost(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<ReviewCardClaim | null> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  const until = new Date(now.getTime() + REVIEW_CARD_CLAIM_MS);
  const { count } = await ctx.prisma.action.updateMany({
    where: {
      id: o.actionId,
      status: 'ready',
      reviewCardTs: null,
      OR: [{ reviewCardClaimUntil: null }, { reviewCardClaimUntil: { lte: now } }],
    },
    data: { reviewCardClaimUntil: until },
  });
  return count === 1 ? { actionId: o.actionId, until } : null;
}
