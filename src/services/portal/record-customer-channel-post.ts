import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';

const optionsSchema = z.object({ actionId: z.string().min(1), channel: z.string().min(1), ts: z.string().min(1) });

/** Remembers where a portal request was posted in the customer channel: it is never posted there again. */
export async function recordCustomerChannelPost(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<void> {
  const o = parseOptions(optionsSchema, input);
  await ctx.prisma.action.update({
    where: { id: o.actionId },
    data: { customerPostChannel: o.channel, customerPostTs: o.ts },
  });
}
