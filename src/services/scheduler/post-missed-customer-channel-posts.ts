/**
 * Sent portal requests whose post in the account's customer channel Slack refused (Thread not invited to the
 * channel yet, Slack down) are tried again on the next tick that can post, under the notifier's claim, so they are
 * posted once. Only requests tried before and still unanswered: a request sent before the customer channel was named
 * (or before Thread posted requests there at all) is not posted after the fact. Bounded per tick, the ones tried
 * longest ago first.
 */
import type { ServiceContext } from '../context';
import type { Notifier } from '../notifications/notifier-port';

export const MISSED_CHANNEL_POSTS_PER_TICK = 20;

export interface MissedChannelPostsResult {
  posted: string[];
  failed: { actionId: string; message: string }[];
}

export async function postMissedCustomerChannelPosts(
  ctx: ServiceContext,
  deps: { notifier: Notifier },
  options: { limit?: number } = {},
): Promise<MissedChannelPostsResult> {
  const missed = await ctx.prisma.action.findMany({
    where: {
      status: 'executed',
      type: { in: ['portal_form', 'portal_document'] },
      customerPostTs: null,
      customerPostClaimUntil: { not: null, lte: ctx.now() },
      account: { slackCustomerChannelId: { not: null } },
    },
    orderBy: [{ customerPostClaimUntil: 'asc' }, { id: 'asc' }],
    take: options.limit ?? MISSED_CHANNEL_POSTS_PER_TICK,
    select: { id: true },
  });
  const result: MissedChannelPostsResult = { posted: [], failed: [] };
  for (const { id } of missed) {
    try {
      await deps.notifier.portalRequestSent(id);
    } catch (error) {
      result.failed.push({ actionId: id, message: error instanceof Error ? error.message : String(error) });
      ctx.logger.warn({ actionId: id, err: error }, 'posting a portal request in the customer channel failed again');
    }
  }
  if (missed.length > 0) {
    const done = await ctx.prisma.action.findMany({
      where: { id: { in: missed.map((a) => a.id) }, customerPostTs: { not: null } },
      select: { id: true },
    });
    result.posted = done.map((a) => a.id);
  }
  return result;
}
