import { z } from 'zod';
import type { Prisma } from '../../db/generated/client';
import {
  checkHandoffQuestion,
  HANDOFF_LIMITS,
  HANDOFF_QUESTION_KINDS,
  type HandoffQuestionSpec,
} from '../../domain/handoff-questions';
import { AppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import {
  auditedQuestion,
  QUESTION_SELECT,
  questionChangeShape,
  questionColumns,
  runQuestionChange,
  toQuestionView,
} from './handoff-question-view';

const specSchema = z.object({
  key: z.string(),
  label: z.string(),
  kind: z.enum(HANDOFF_QUESTION_KINDS),
  required: z.boolean(),
  options: z.array(z.string()),
  helpText: z.string().nullable(),
  crmProperty: z.string().nullable(),
});

const optionsSchema = z.object({
  ...questionChangeShape,
  /** The whole list, in order (read with readHandoffQuestionsFile). */
  questions: z.array(specSchema).max(HANDOFF_LIMITS.activeQuestions),
});

export interface ImportedQuestions {
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: string[];
}

function same(a: HandoffQuestionSpec, b: HandoffQuestionSpec): boolean {
  return JSON.stringify(auditedQuestion(a)) === JSON.stringify(auditedQuestion(b));
}

/**
 * An admin (or the command line) replaces the organisation's questions with a file's: questions are matched by key,
 * take the file's order and content; a key the file leaves out is removed (its past answers kept), a removed key the
 * file names comes back. All or nothing, each change audited.
 */
export async function importHandoffQuestions(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<ImportedQuestions> {
  const o = parseOptions(optionsSchema, input);
  // The file reader checked them already; a caller that built the list itself goes through the same rules.
  const specs = o.questions.map((q, index) => {
    const checked = checkHandoffQuestion(q);
    if (!checked.ok)
      throw new AppError(
        'validation_failed',
        `questions[${index}]: ${checked.problems.map((p) => p.message).join(' ')}`,
      );
    return checked.value;
  });
  const keys = specs.map((s) => s.key);
  const twice = keys.find((k, i) => keys.indexOf(k) !== i);
  if (twice) throw new AppError('validation_failed', `the key ${twice} is given twice; each question needs its own.`);

  return runQuestionChange(ctx, o, async (tx, person) => {
    const rows = await tx.handoffQuestion.findMany({
      where: { organizationId: o.organizationId },
      select: QUESTION_SELECT,
    });
    const byKey = new Map(rows.map((r) => [r.key, toQuestionView(r)]));
    const result: ImportedQuestions = { added: [], changed: [], removed: [], unchanged: [] };
    const at = ctx.now();
    const audit = (
      entityId: string,
      from: string | null,
      to: string | null,
      reason: string,
      data?: Prisma.InputJsonObject,
    ) =>
      recordAuditEvent(tx, {
        organizationId: o.organizationId,
        entityType: 'handoff_question',
        entityId,
        actor: person.auditActor,
        from,
        to,
        reason,
        data,
        at,
      });

    for (const [position, spec] of specs.entries()) {
      const existing = byKey.get(spec.key);
      if (!existing) {
        const created = await tx.handoffQuestion.create({
          data: { ...questionColumns(spec), organizationId: o.organizationId, position, active: true },
          select: { id: true },
        });
        await audit(created.id, null, 'active', `handoff question ${spec.key} imported`, auditedQuestion(spec));
        result.added.push(spec.key);
        continue;
      }
      const unchanged = existing.active && existing.position === position && same(existing, spec);
      if (unchanged) {
        result.unchanged.push(spec.key);
        continue;
      }
      await tx.handoffQuestion.update({
        where: { id: existing.id },
        data: { ...questionColumns(spec), position, active: true },
      });
      await audit(
        existing.id,
        existing.active ? 'active' : 'removed',
        'active',
        `handoff question ${spec.key} imported`,
        { from: auditedQuestion(existing), to: auditedQuestion(spec), position: position + 1 },
      );
      (existing.active ? result.changed : result.added).push(spec.key);
    }
    for (const existing of byKey.values()) {
      if (!existing.active || keys.includes(existing.key)) continue;
      await tx.handoffQuestion.update({ where: { id: existing.id }, data: { active: false } });
      await audit(existing.id, 'active', 'removed', `handoff question ${existing.key} left out of the imported file`);
      result.removed.push(existing.key);
    }
    return result;
  });
}
