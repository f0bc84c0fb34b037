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

const optionsSchema = z.object({ ...questionChangeShape, questionId: z.string().min(1) });

/**
 * An admin removes a question: it is no longer asked, and the answers past handoffs gave to it stay in their
 * summaries. The questions after it move up. Audited.
 */
export async function removeHandoffQuestion(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<HandoffQuestionView> {
  const o = parseOptions(optionsSchema, input);
  return runQuestionChange(ctx, o, async (tx, person) => {
    const question = await questionForChange(tx, o.organizationId, o.questionId);
    await tx.handoffQuestion.update({ where: { id: question.id }, data: { active: false } });
    await renumberQuestions(tx, await loadActiveQuestions(tx, o.organizationId));
    await recordAuditEvent(tx, {
      organizationId: o.organizationId,
      entityType: 'handoff_question',
      entityId: question.id,
      actor: person.auditActor,
      from: 'active',
      to: 'removed',
      reason: `handoff question ${question.key} removed`,
      at: ctx.now(),
    });
    return { ...question, active: false };
  });
}
