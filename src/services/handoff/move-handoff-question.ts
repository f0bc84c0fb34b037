import { z } from 'zod';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import {
  loadActiveQuestions,
  questionChangeShape,
  questionForChange,
  renumberQuestions,
  runQuestionChange,
  type HandoffQuestionView,
} from './handoff-question-view';

const optionsSchema = z.object({
  ...questionChangeShape,
  questionId: z.string().min(1),
  direction: z.enum(['up', 'down']),
});

/** An admin moves a question one place up or down the list; at either end nothing moves. Audited when it moves. */
export async function moveHandoffQuestion(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<HandoffQuestionView[]> {
  const o = parseOptions(optionsSchema, input);
  return runQuestionChange(ctx, o, async (tx, person) => {
    const question = await questionForChange(tx, o.organizationId, o.questionId);
    const list = await loadActiveQuestions(tx, o.organizationId);
    const from = list.findIndex((q) => q.id === question.id);
    const to = o.direction === 'up' ? from - 1 : from + 1;
    if (from < 0 || to < 0 || to >= list.length) return list;
    const moved = [...list];
    [moved[from], moved[to]] = [moved[to]!, moved[from]!];
    await renumberQuestions(tx, moved);
    await recordAuditEvent(tx, {
      organizationId: o.organizationId,
      entityType: 'handoff_question',
      entityId: question.id,
      actor: person.auditActor,
      from: String(from + 1),
      to: String(to + 1),
      reason: `handoff question ${question.key} moved ${o.direction}`,
      data: { setting: 'position' },
      at: ctx.now(),
    });
    return loadActiveQuestions(tx, o.organizationId);
  });
}
