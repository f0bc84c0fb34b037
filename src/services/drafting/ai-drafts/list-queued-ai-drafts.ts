import { z } from 'zod';
import type { ServiceContext } from '../../context';
import { parseOptions } from '../../errors/parse-options';

const optionsSchema = z.object({ actionIds: z.array(z.string().min(1)).optional() });

/**
 * The ready actions still waiting for their AI draft (all of them, or those among `actionIds`): what `thread tick`
 * waits on before it exits, and how a pool knows its queue is empty.
 */
export async function listQueuedAiDrafts(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema> = {},
): Promise<string[]> {
  const o = parseOptions(optionsSchema, input);
  if (o.actionIds && o.actionIds.length === 0) return [];
  const rows = await ctx.prisma.action.findMany({
    where: { aiDraftWantedAt: { not: null }, status: 'ready', ...(o.actionIds ? { id: { in: o.actionIds } } : {}) },
    select: { id: true },
    orderBy: [{ aiDraftWantedAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map((r) => r.id);
}
