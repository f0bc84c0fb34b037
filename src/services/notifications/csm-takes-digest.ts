import type { ServiceContext } from '../context';

/**
 * Whether the account's CSM chose "in my morning digest" in App Home. Their proactive cards (drafts, customer
 * answers, the review reminder) are then held: the digest and App Home list those items, each with its buttons.
 * An account without a CSM has nobody who chose, so its cards come as they are ready.
 */
export async function csmTakesDigest(ctx: ServiceContext, accountId: string): Promise<boolean> {
  const account = await ctx.prisma.account.findUnique({
    where: { id: accountId },
    select: { csm: { select: { reviewCardDelivery: true } } },
  });
  return account?.csm?.reviewCardDelivery === 'digest';
}
