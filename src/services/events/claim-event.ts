import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';

const optionsSchema = z.object({
  /** Where the id comes from ("slack", "hubspot"…): ids are unique only within their source. */
  source: z.string().min(1).max(50),
  eventId: z.string().min(1).max(200),
});

/**
 * Claims an inbound event id for processing: true the first time, false for a retry or a duplicate delivery.
 * One atomic insert, so two copies arriving together (or at two Thread processes) cannot both win.
 */
export async function claimEvent(ctx: ServiceContext, input: z.input<typeof optionsSchema>): Promise<boolean> {
  const o = parseOptions(optionsSchema, input);
  const inserted = await ctx.prisma.processedEvent.createMany({
    data: [{ id: `${o.source}:${o.eventId}`, source: o.source, receivedAt: ctx.now() }],
    skipDuplicates: true,
  });
  return inserted.count === 1;
}
