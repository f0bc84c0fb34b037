import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';

const optionsSchema = z.object({ actionId: z.string().min(1), until: z.date() });

/**
 * Gives back a claim on posting a review card (claimReviewCardPost) after the post failed or found nowhere to go, so
 * the next tick tries again. The claim's time is kept as "tried now": the next tick tries the cards never tried
 * before first. Only the holder's own claim is released, never one another process took after it expired.
 */
export async function releaseReviewCardPost(ctx: ServiceContext, input: z.input<typeof optionsSchema>): Promise<void> {
  const o = parseOptions(optionsSchema, input);
  await ctx.prisma.action.updateMany({
    where: { id: o.actionId, reviewCardTs: null, reviewCardClaimUntil: o.until },
    data: { reviewCardClaimUntil: ctx.now() },
  });
}
