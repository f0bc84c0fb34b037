/**
 * A handoff question as the services hand it out, and the few steps every question service shares: reading them in
 * order, writing one from its spec, and the change frame (an admin, the organisation locked so positions and keys
 * never race). Positions of active questions run 0…n−1; a removed (inactive) question keeps its row and answers.
 */
import { z } from 'zod';
import { Prisma } from '../../db/generated/client';
import {
  checkHandoffQuestion,
  isHandoffQuestionKind,
  type HandoffQuestionInput,
  type HandoffQuestionKind,
  type HandoffQuestionSpec,
} from '../../domain/handoff-questions';
import { AppError } from '../../lib/errors';
import type { ServiceContext, Tx } from '../context';
import { fieldErrors } from '../errors/field-errors';
import { toAppError } from '../errors/to-app-error';
import {
  actingPersonSchema,
  assertCapability,
  loadActingPerson,
  lockOrganization,
  type ActingPerson,
} from '../people/acting-person';

export interface HandoffQuestionView extends HandoffQuestionSpec {
  id: string;
  position: number;
  active: boolean;
}

export const QUESTION_SELECT = {
  id: true,
  key: true,
  position: true,
  label: true,
  kind: true,
  options: true,
  required: true,
  active: true,
  helpText: true,
  crmProperty: true,
} satisfies Prisma.HandoffQuestionSelect;

type QuestionRow = Prisma.HandoffQuestionGetPayload<{ select: typeof QUESTION_SELECT }>;

const optionsSchema = z.array(z.string());

export function toQuestionView(row: QuestionRow): HandoffQuestionView {
  const options = optionsSchema.safeParse(row.options ?? []);
  // A kind written by hand into the database that Thread does not know reads as text rather than failing the form.
  const kind: HandoffQuestionKind = isHandoffQuestionKind(row.kind) ? row.kind : 'text';
  return {
    id: row.id,
    key: row.key,
    position: row.position,
    label: row.label,
    kind,
    options: options.success ? options.data : [],
    required: row.required,
    active: row.active,
    helpText: row.helpText,
    crmProperty: row.crmProperty,
  };
}

/** The organisation's active questions in the order the AE sees them. */
export async function loadActiveQuestions(
  db: Tx | ServiceContext['prisma'],
  organizationId: string,
): Promise<HandoffQuestionView[]> {
  const rows = await db.handoffQuestion.findMany({
    where: { organizationId, active: true },
    orderBy: [{ position: 'asc' }, { key: 'asc' }],
    select: QUESTION_SELECT,
  });
  return rows.map(toQuestionView);
}

/** The columns a question's spec is stored in. */
export function questionColumns(spec: HandoffQuestionSpec) {
  return {
    key: spec.key,
    label: spec.label,
    kind: spec.kind,
    required: spec.required,
    options: spec.options.length > 0 ? spec.options : Prisma.DbNull,
    helpText: spec.helpText,
    crmProperty: spec.crmProperty,
  };
}

/** A question as given, checked; every problem under its field (key, label, kind, options, helpText, crmProperty). */
export function checkedQuestion(input: HandoffQuestionInput): HandoffQuestionSpec {
  const checked = checkHandoffQuestion(input);
  if (!checked.ok) throw fieldErrors(checked.problems);
  return checked.value;
}

/** The person or command line that changes questions, in every question service's options. */
export const questionChangeShape = {
  organizationId: z.string().min(1),
  actor: actingPersonSchema,
};

/**
 * One transaction in which an admin (re-read now) changes the organisation's questions, with the organisation
 * locked so two admins reordering at once never leave two questions at one position.
 */
export async function runQuestionChange<T>(
  ctx: ServiceContext,
  o: { organizationId: string; actor: z.output<typeof actingPersonSchema> },
  change: (tx: Tx, person: ActingPerson) => Promise<T>,
): Promise<T> {
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const person = await loadActingPerson(tx, o.organizationId, o.actor);
      assertCapability(person, 'manage_settings', 'change the handoff questions');
      await lockOrganization(tx, o.organizationId);
      return change(tx, person);
    });
  } catch (error) {
    throw toAppError(error);
  }
}

/** A question of the organisation, for a change to it; a removed one only when `includeRemoved`. */
export async function questionForChange(
  tx: Tx,
  organizationId: string,
  questionId: string,
  o: { includeRemoved?: boolean } = {},
): Promise<HandoffQuestionView> {
  const row = await tx.handoffQuestion.findFirst({
    where: { id: questionId, organizationId, ...(o.includeRemoved ? {} : { active: true }) },
    select: QUESTION_SELECT,
  });
  if (!row) throw new AppError('not_found', 'that handoff question does not exist (any more); open the list again.');
  return toQuestionView(row);
}

/** Writes positions 0…n−1 in the given order, touching only the rows that move. */
export async function renumberQuestions(tx: Tx, ordered: readonly { id: string; position: number }[]): Promise<void> {
  for (const [index, q] of ordered.entries()) {
    if (q.position !== index) await tx.handoffQuestion.update({ where: { id: q.id }, data: { position: index } });
  }
}

/** What the audit trail keeps of a question: enough to see what it asked before and after. */
export function auditedQuestion(q: HandoffQuestionSpec): Prisma.InputJsonObject {
  return {
    key: q.key,
    label: q.label,
    kind: q.kind,
    required: q.required,
    options: q.options,
    helpText: q.helpText,
    crmProperty: q.crmProperty,
  };
}
