import type { ServiceContext } from '../context';

/**
 * Where a notification goes in Slack: a user's Slack id, or an account's CSM channel, else its organisation's
 * default CSM channel (Settings); null when there is none, so the caller may fall back to SLACK_CSM_CHANNEL.
 */
export async function findSlackDestination(
  ctx: ServiceContext,
  to: { userId: string } | { accountId: string },
): Promise<string | null> {
  if ('userId' in to) {
    const user = await ctx.prisma.user.findUnique({ where: { id: to.userId }, select: { slackUserId: true } });
    return user?.slackUserId ?? null;
  }
  const account = await ctx.prisma.account.findUnique({
    where: { id: to.accountId },
    select: { slackCsmChannelId: true, organization: { select: { defaultCsmChannelId: true } } },
  });
  return account?.slackCsmChannelId ?? account?.organization.defaultCsmChannelId ?? null;
}
