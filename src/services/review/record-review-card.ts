import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';

const optionsSchema = z.object({ actionId: z.string().min(1), channel: z.string().min(1), ts: z.string().min(1) });

/** Remembers where an action's review card was posted, so later changes update that message in place. */
export async function recordReviewCard(ctx: ServiceContext, input: z.input<typeof optionsSchema>): Promise<void> {
  const o = parseOptions(optionsSchema, input);
  await ctx.prisma.action.update({
    where: { id: o.actionId },
    data: { reviewCardChannel: o.channel, reviewCardTs: o.ts },
  });
}
