import { z } from 'zod';
import { HANDOFF_LIMITS } from '../../domain/handoff-questions';
import { AppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { fieldError } from '../errors/field-errors';
import { parseOptions } from '../errors/parse-options';
import {
  auditedQuestion,
  checkedQuestion,
  QUESTION_SELECT,
  questionChangeShape,
  questionColumns,
  runQuestionChange,
  toQuestionView,
  type HandoffQuestionView,
} from './handoff-question-view';

export const questionInputSchema = z.object({
  /** Derived from the label when not given. */
  key: z.string().max(200).optional(),
  label: z.string().max(5000),
  kind: z.string().max(100),
  required: z.boolean().default(false),
  options: z.array(z.string().max(1000)).max(500).default([]),
  helpText: z.string().max(10_000).nullish(),
  crmProperty: z.string().max(1000).nullish(),
});

const optionsSchema = z.object({ ...questionChangeShape, question: questionInputSchema });

/**
 * An admin adds a question at the end of the list. A key that a removed question had brings that question back
 * (with what was given now, its past answers kept); a key an active question has is refused. Audited.
 */
export async function addHandoffQuestion(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<HandoffQuestionView> {
  const o = parseOptions(optionsSchema, input);
  const spec = checkedQuestion(o.question);
  return runQuestionChange(ctx, o, async (tx, person) => {
    const active = await tx.handoffQuestion.count({ where: { organizationId: o.organizationId, active: true } });
    if (active >= HANDOFF_LIMITS.activeQuestions) {
      throw new AppError(
        'validation_failed',
        `there are already ${active} questions, the most a handoff has; remove one before adding another.`,
      );
    }
    const existing = await tx.handoffQuestion.findUnique({
      where: { organizationId_key: { organizationId: o.organizationId, key: spec.key } },
      select: { id: true, active: true },
    });
    if (existing?.active)
      throw fieldError('key', `a question with the key ${spec.key} already exists; choose another key.`);
    const data = { ...questionColumns(spec), position: active, active: true };
    const row = existing
      ? await tx.handoffQuestion.update({ where: { id: existing.id }, data, select: QUESTION_SELECT })
      : await tx.handoffQuestion.create({
          data: { ...data, organizationId: o.organizationId },
          select: QUESTION_SELECT,
        });
    await recordAuditEvent(tx, {
      organizationId: o.organizationId,
      entityType: 'handoff_question',
      entityId: row.id,
      actor: person.auditActor,
      from: existing ? 'removed' : null,
      to: 'active',
      reason: existing ? `handoff question ${spec.key} restored` : `handoff question ${spec.key} added`,
      data: auditedQuestion(spec),
      at: ctx.now(),
    });
    return toQuestionView(row);
  });
}
