import { z } from 'zod';
import { Prisma } from '../../db/generated/client';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { REVIEW_CARD_CLAIM_MS, type ReviewCardClaim } from './claim-review-card-post';

const optionsSchema = z.object({ actionIds: z.array(z.string().min(1)) });

/**
 * claimReviewCardPost for a batch of cards (a tick's fired actions) in one statement: the claims taken, one per
 * action that is Ready, has no card and is not being posted by someone else. Each is given back on its own with
 * releaseReviewCardPost when its post fails.
 */
export async function claimReviewCardPosts(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<ReviewCardClaim[]> {
  const o = parseOptions(optionsSchema, input);
  if (o.actionIds.length === 0) return [];
  const now = ctx.now();
  const until = new Date(now.getTime() + REVIEW_CARD_CLAIM_MS);
  const rows = await ctx.prisma.$queryRaw<{ id: string }[]>`
    UPDATE "Action" SET "reviewCardClaimUntil" = ${until}
    WHERE id IN (${Prisma.join(o.actionIds)}) AND status = 'ready'::"ActionStatus" AND "reviewCardTs" IS NULL
      AND ("reviewCardClaimUntil" IS NULL OR "reviewCardClaimUntil" <= ${now})
    RETURNING id`;
  return rows.map((r) => ({ actionId: r.id, until }));
}
