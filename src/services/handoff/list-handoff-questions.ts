import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import {
  loadActiveQuestions,
  QUESTION_SELECT,
  toQuestionView,
  type HandoffQuestionView,
} from './handoff-question-view';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  /** Also the removed ones, after the active ones (their answers in past handoffs are kept). */
  includeRemoved: z.boolean().default(false),
});

/** The organisation's handoff questions in the order the AE answers them. Everyone in it may read them. */
export async function listHandoffQuestions(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<HandoffQuestionView[]> {
  const o = parseOptions(optionsSchema, input);
  const active = await loadActiveQuestions(ctx.prisma, o.organizationId);
  if (!o.includeRemoved) return active;
  const removed = await ctx.prisma.handoffQuestion.findMany({
    where: { organizationId: o.organizationId, active: false },
    orderBy: { key: 'asc' },
    select: QUESTION_SELECT,
  });
  return [...active, ...removed.map(toQuestionView)];
}
