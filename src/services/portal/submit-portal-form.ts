import { z } from 'zod';
import type { Prisma } from '../../db/generated/client';
import { parseFormFields, validateFormSubmission, type FormValue } from '../../domain/portal-form';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import type { PortalAnswerReceived } from '../notifications/notification-facts';
import type { Notifier } from '../notifications/notifier-port';
import { completePortalAction, findPortalActionToAnswer } from './complete-portal-action';
import { notifyPortalAnswer } from './notify-portal-answer';
import type { PortalSession } from './resolve-portal-token';

const optionsSchema = z.object({
  actionId: z.string().min(1).max(100),
  values: z.record(z.string(), z.union([z.string(), z.array(z.string())]).optional()),
});

export type SubmitPortalFormResult =
  | { ok: true; submissionId: string }
  /** Field key → message to show beside the field; nothing was stored. */
  | { ok: false; errors: Record<string, string> };

function display(value: FormValue): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}

/**
 * A customer submits a portal form: validated against the action's fields, stored as a Submission, the action
 * completed (executed → completed) with its audit record and an engagement event, then the CSM is told what was
 * answered, to acknowledge or follow up (the review clock runs from the submission's creation).
 */
export async function submitPortalForm(
  ctx: ServiceContext,
  input: {
    session: PortalSession;
    actionId: string;
    values: Record<string, string | string[] | undefined>;
    notifier: Notifier;
  },
): Promise<SubmitPortalFormResult> {
  const o = parseOptions(optionsSchema, { actionId: input.actionId, values: input.values });
  const { session } = input;
  const now = ctx.now();

  const outcome = await ctx.prisma.$transaction(async (tx) => {
    const action = await findPortalActionToAnswer(tx, session, o.actionId, 'portal_form');
    const row = await tx.action.findUniqueOrThrow({ where: { id: action.id }, select: { formFields: true } });
    const fields = parseFormFields(row.formFields);
    if (fields.length === 0)
      throw new AppError('not_configured', 'this form has no questions yet; please let your contact know');
    const checked = validateFormSubmission(fields, o.values);
    if (!checked.ok) return { ok: false as const, errors: checked.errors };
    const { submissionId } = await completePortalAction(tx, {
      session,
      action,
      submission: { kind: 'form', data: checked.values as Prisma.InputJsonValue },
      engagement: 'form_submitted',
      now,
    });
    const people = await tx.contact.findUniqueOrThrow({
      where: { id: session.contactId },
      select: { name: true, account: { select: { name: true } } },
    });
    const answer: PortalAnswerReceived = {
      submissionId,
      accountId: session.accountId,
      accountName: people.account.name,
      actionId: o.actionId,
      actionName: action.name,
      contactName: people.name,
      answer: {
        kind: 'form',
        answers: fields.map((f) => ({ label: f.label, value: display(checked.values[f.key] ?? null) })),
      },
    };
    return { ok: true as const, answer };
  });
  if (!outcome.ok) return outcome;
  await notifyPortalAnswer(ctx, input.notifier, outcome.answer);
  return { ok: true, submissionId: outcome.answer.submissionId };
}
