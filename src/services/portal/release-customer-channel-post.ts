import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';

const optionsSchema = z.object({ actionId: z.string().min(1), until: z.date() });

/**
 * Gives back the claim on a customer-channel post Slack refused. Its time is kept as "tried now": the next tick tries
 * it again (postMissedCustomerChannelPosts), the ones tried longest ago first. Only the holder's own claim is released.
 */
export async function releaseCustomerChannelPost(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<void> {
  const o = parseOptions(optionsSchema, input);
  await ctx.prisma.action.updateMany({
    where: { id: o.actionId, customerPostTs: null, customerPostClaimUntil: o.until },
    data: { customerPostClaimUntil: ctx.now() },
  });
}
