import { z } from 'zod';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { questionInputSchema } from './add-handoff-question';
import {
  auditedQuestion,
  checkedQuestion,
  QUESTION_SELECT,
  questionChangeShape,
  questionColumns,
  questionForChange,
  runQuestionChange,
  toQuestionView,
  type HandoffQuestionView,
} from './handoff-question-view';

const optionsSchema = z.object({
  ...questionChangeShape,
  questionId: z.string().min(1),
  question: questionInputSchema.omit({ key: true }),
});

/**
 * An admin changes what a question asks (label, kind, options, required, help, CRM property). The key stays: it is
 * how past answers and the contradiction check find the question. Audited from → to.
 */
export async function updateHandoffQuestion(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<HandoffQuestionView> {
  const o = parseOptions(optionsSchema, input);
  return runQuestionChange(ctx, o, async (tx, person) => {
    const before = await questionForChange(tx, o.organizationId, o.questionId);
    const spec = checkedQuestion({ ...o.question, key: before.key });
    const row = await tx.handoffQuestion.update({
      where: { id: before.id },
      data: questionColumns(spec),
      select: QUESTION_SELECT,
    });
    await recordAuditEvent(tx, {
      organizationId: o.organizationId,
      entityType: 'handoff_question',
      entityId: before.id,
      actor: person.auditActor,
      reason: `handoff question ${spec.key} changed`,
      data: { from: auditedQuestion(before), to: auditedQuestion(spec) },
      at: ctx.now(),
    });
    return toQuestionView(row);
  });
}
