import { firstName } from '../../domain/first-name';
import { z } from 'zod';
import { AppError, isAppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Prisma } from '../../db/generated/client';
import type { ServiceContext, Tx } from '../context';
import { parseOptions } from '../errors/parse-options';
import type { Mailer } from '../execution/ports';
import {
  describeReview,
  loadSubmissionForReview,
  reviewerSchema,
  type SubmissionReview,
} from './load-submission-for-review';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  submissionId: z.string().min(1),
  actor: reviewerSchema,
  note: z.string().trim().min(1, 'write a note for the customer').max(3000, 'keep the note under 3000 characters'),
});

export interface FollowUpResult extends SubmissionReview {
  /** Where the note was emailed; null when it was only recorded (email off, or already reviewed). */
  emailedTo: string | null;
  /** Why the note was not emailed, when it was not. */
  notEmailedBecause: string | null;
}

/**
 * The CSM's Follow up on a portal submission: a note to the customer, emailed through the Mailer port when email is
 * configured (from the CSM's name, replies to the CSM), always recorded in the audit trail; the submission is
 * reviewed with outcome "follow_up", which stops its review clock. The review is claimed (and audited) before the
 * email goes out and given back (audited) if the email fails, so a double submit sends one email and a failed one can
 * be tried again.
 */
export async function followUpSubmission(
  ctx: ServiceContext,
  deps: { mailer?: Mailer },
  input: z.input<typeof optionsSchema>,
): Promise<FollowUpResult> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  const submission = await loadSubmissionForReview(
    ctx.prisma,
    o.organizationId,
    o.submissionId,
    o.actor,
    'follow up on portal submissions',
  );
  const recipient = submission.contact ?? submission.account.contacts[0] ?? null;

  const audit = (tx: Tx, reason: string, data: Prisma.InputJsonValue) =>
    recordAuditEvent(tx, {
      organizationId: submission.account.organizationId,
      accountId: submission.accountId,
      entityType: 'submission',
      entityId: submission.id,
      actor: o.actor.userId,
      reason,
      data,
      at: now,
    });

  // The claim and its audit row land together: a crash before the email leaves a reviewed submission whose trail
  // says a follow-up was being sent, never a silent one.
  const claimed = await ctx.prisma.$transaction(async (tx) => {
    const claim = await tx.submission.updateMany({
      where: { id: submission.id, reviewedAt: null },
      data: { reviewedAt: now, reviewedById: o.actor.userId, reviewOutcome: 'follow_up' },
    });
    if (claim.count === 1)
      await audit(tx, `following up on "${submission.action.name}"`, {
        outcome: 'follow_up',
        state: 'claimed',
        note: o.note,
      });
    return claim.count === 1;
  });
  if (!claimed) {
    // Someone reviewed it first: nothing is sent, and the card shows their review.
    return {
      ...(await describeReview(ctx.prisma, submission.id, true)),
      emailedTo: null,
      notEmailedBecause: 'it had already been reviewed',
    };
  }

  let emailedTo: string | null = null;
  let messageId: string | null = null;
  let notEmailedBecause: string | null = null;
  if (!deps.mailer) notEmailedBecause = 'email is off (SMTP_URL and EMAIL_FROM are not set)';
  else if (!recipient) notEmailedBecause = 'the account has no contact to write to';
  else {
    try {
      const sent = await deps.mailer.send({
        messageId: deps.mailer.messageIdFor(`submission-follow-up:${submission.id}`),
        fromName: submission.account.csm?.name ?? null,
        replyTo: submission.account.csm?.replyToEmail ?? submission.account.csm?.email ?? null,
        to: { name: recipient.name, email: recipient.email },
        subject: `About your answer to ${submission.action.name}`,
        text: [
          `Hi ${firstName(recipient.name)},`,
          '',
          o.note,
          '',
          'Thank you,',
          submission.account.csm?.name ?? submission.account.name,
        ].join('\n'),
      });
      emailedTo = recipient.email;
      messageId = sent.messageId;
    } catch (error) {
      // Give the review back: the clock keeps running and the CSM can try again.
      const message = isAppError(error) ? error.message : error instanceof Error ? error.message : 'the email failed';
      await ctx.prisma.$transaction(async (tx) => {
        await tx.submission.updateMany({
          where: { id: submission.id, reviewOutcome: 'follow_up', reviewedAt: now },
          data: { reviewedAt: null, reviewedById: null, reviewOutcome: null },
        });
        await audit(tx, `follow-up email to ${recipient.email} failed; the submission is waiting for review again`, {
          outcome: 'follow_up',
          state: 'failed',
          error: message,
        });
      });
      throw new AppError(
        'connector_failed',
        `the follow-up email to ${recipient.email} was not sent (${message}); the submission is still waiting for review.`,
        { cause: error },
      );
    }
  }

  await ctx.prisma.$transaction((tx) =>
    audit(
      tx,
      emailedTo
        ? `followed up on "${submission.action.name}": note emailed to ${emailedTo}`
        : `followed up on "${submission.action.name}": note recorded, not emailed (${notEmailedBecause})`,
      { outcome: 'follow_up', state: 'done', note: o.note, emailedTo, messageId },
    ),
  );
  return { ...(await describeReview(ctx.prisma, submission.id, false)), emailedTo, notEmailedBecause };
}
