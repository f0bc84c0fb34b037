import { z } from 'zod';
import type { Prisma } from '../../db/generated/client';
import { parseFormFields, validateFormSubmission, type FormValue } from '../../domain/portal-form';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import type { PortalAnswerReceived } from '../notifications/notification-facts';
import type { Notifier } from '../notifications/notifier-port';
import { completePortalAction, findPortalActionToAnswer, type Respondent } from './complete-portal-action';
import { notifyPortalAnswer } from './notify-portal-answer';

const optionsSchema = z.object({
  actionId: z.string().min(1).max(100),
  values: z.record(z.string(), z.union([z.string(), z.array(z.string())]).optional()),
  /** How the CSM's notice names someone who answered without being one of the account's contacts (Slack). */
  respondentName: z.string().trim().max(200).optional(),
});

export type SubmitFormAnswerResult =
  | { ok: true; submissionId: string }
  /** Field key → message to show beside the field; nothing was stored. */
  | { ok: false; errors: Record<string, string> };

function display(value: FormValue): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}

/**
 * A customer's answer to a portal form, wherever it was given (the portal, or the modal behind Answer here in the
 * shared Slack channel): validated against the action's fields, stored as a Submission, the action completed
 * (executed → completed) with its audit record and an engagement event, then the CSM is told what was answered, to
 * acknowledge or follow up (the review clock runs from the submission's creation). Who may answer is the caller's
 * check (the magic link, or answerFormInSlack); this is the one path the answer takes from there.
 */
export async function submitFormAnswer(
  ctx: ServiceContext,
  input: {
    respondent: Respondent;
    actionId: string;
    values: Record<string, string | string[] | undefined>;
    respondentName?: string;
    notifier: Notifier;
  },
): Promise<SubmitFormAnswerResult> {
  const o = parseOptions(optionsSchema, {
    actionId: input.actionId,
    values: input.values,
    respondentName: input.respondentName,
  });
  const { respondent } = input;
  const now = ctx.now();

  const outcome = await ctx.prisma.$transaction(async (tx) => {
    const action = await findPortalActionToAnswer(tx, respondent, o.actionId, 'portal_form');
    const row = await tx.action.findUniqueOrThrow({ where: { id: action.id }, select: { formFields: true } });
    const fields = parseFormFields(row.formFields);
    if (fields.length === 0)
      throw new AppError('not_configured', 'this form has no questions yet; please let your contact know');
    const checked = validateFormSubmission(fields, o.values);
    if (!checked.ok) return { ok: false as const, errors: checked.errors };
    const { submissionId } = await completePortalAction(tx, {
      respondent,
      action,
      submission: { kind: 'form', data: checked.values as Prisma.InputJsonValue },
      engagement: 'form_submitted',
      now,
    });
    const account = await tx.account.findUniqueOrThrow({
      where: { id: respondent.accountId },
      select: { name: true },
    });
    const contact = respondent.contactId
      ? await tx.contact.findUniqueOrThrow({ where: { id: respondent.contactId }, select: { name: true } })
      : null;
    const answer: PortalAnswerReceived = {
      submissionId,
      accountId: respondent.accountId,
      accountName: account.name,
      actionId: o.actionId,
      actionName: action.name,
      contactName: contact?.name ?? o.respondentName ?? 'Someone in the shared Slack channel',
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
