/**
 * Ready actions whose review card never reached a channel (Slack was down, the bot was not in the channel, or the
 * tick that fired them ran without Slack, e.g. the command line) get it on the next tick that can post: the
 * notifier posts a first card under a claim, so this and any other process or button post it once. Bounded per
 * tick; cards never tried come first, then the ones tried longest ago, so a card that cannot be posted anywhere
 * never holds the others back. A CSM who takes review cards in the digest has none posted.
 */
import type { ServiceContext } from '../context';
import type { Notifier } from '../notifications/notifier-port';

export const MISSED_CARDS_PER_TICK = 20;

export interface MissedReviewCardsResult {
  /** Of the actions tried, those whose card is now in a channel (another process racing may have posted some). */
  posted: string[];
  failed: { actionId: string; message: string }[];
}

export async function postMissedReviewCards(
  ctx: ServiceContext,
  deps: { notifier: Notifier },
  options: { limit?: number } = {},
): Promise<MissedReviewCardsResult> {
  const now = ctx.now();
  const missed = await ctx.prisma.action.findMany({
    where: {
      status: 'ready',
      reviewCardTs: null,
      OR: [{ reviewCardClaimUntil: null }, { reviewCardClaimUntil: { lte: now } }],
      account: { OR: [{ csmId: null }, { csm: { reviewCardDelivery: 'as_they_come' } }] },
    },
    orderBy: [{ reviewCardClaimUntil: { sort: 'asc', nulls: 'first' } }, { firedAt: 'asc' }, { id: 'asc' }],
    take: options.limit ?? MISSED_CARDS_PER_TICK,
    select: { id: true },
  });
  const result: MissedReviewCardsResult = { posted: [], failed: [] };
  for (const { id } of missed) {
    try {
      await deps.notifier.actionChanged(id);
    } catch (error) {
      result.failed.push({ actionId: id, message: error instanceof Error ? error.message : String(error) });
      ctx.logger.error({ actionId: id, err: error }, 'posting a missed review card failed');
    }
  }
  if (missed.length > 0) {
    const carded = await ctx.prisma.action.findMany({
      where: { id: { in: missed.map((a) => a.id) }, reviewCardTs: { not: null } },
      select: { id: true },
    });
    const inChannel = new Set(carded.map((a) => a.id));
    result.posted = missed.map((a) => a.id).filter((id) => inChannel.has(id));
  }
  return result;
}
