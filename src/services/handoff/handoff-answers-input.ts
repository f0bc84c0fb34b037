/**
 * The answers a form sends, as the handoff services take them, and the per-person answers of the Slack form's
 * earlier steps (Handoff.stepAnswers), read defensively: a shape this version does not know counts as none.
 */
import { z } from 'zod';
import { checkHandoffAnswers, type AnswerableQuestion, type RawHandoffAnswer } from '../../domain/handoff-questions';
import { fieldErrors } from '../errors/field-errors';

/** By question key: the text typed, the option(s) chosen, or nothing. */
export const answersSchema = z.record(
  z.string().max(100),
  z.union([z.string().max(20_000), z.array(z.string().max(1_000)).max(200), z.null()]),
);

const stepAnswersSchema = z.record(z.string(), z.record(z.string(), z.string()));

export type StepAnswers = z.output<typeof stepAnswersSchema>;

export function readStepAnswers(value: unknown): StepAnswers {
  const parsed = stepAnswersSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : {};
}

/** The answers checked against the questions; every problem under `answers.<key>`, all at once. */
export function checkedAnswers(
  questions: readonly AnswerableQuestion[],
  raw: Readonly<Record<string, RawHandoffAnswer>>,
): Record<string, string> {
  const checked = checkHandoffAnswers(questions, raw);
  if (checked.ok) return checked.values;
  throw fieldErrors(
    questions
      .filter((q) => checked.errors[q.key] !== undefined)
      .map((q) => ({ field: `answers.${q.key}`, message: checked.errors[q.key]! })),
  );
}
