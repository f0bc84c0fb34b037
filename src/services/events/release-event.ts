import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';

const optionsSchema = z.object({ source: z.string().min(1).max(50), eventId: z.string().min(1).max(200) });

/** Gives a claim back when processing failed, so the sender's next retry is processed instead of dropped. */
export async function releaseEvent(ctx: ServiceContext, input: z.input<typeof optionsSchema>): Promise<void> {
  const o = parseOptions(optionsSchema, input);
  await ctx.prisma.processedEvent.deleteMany({ where: { id: `${o.source}:${o.eventId}` } });
}
