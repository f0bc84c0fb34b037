import { z } from 'zod';
import { Prisma } from '../../db/generated/client';
import { localDateOf } from '../../domain/business-days';
import { formatCalendarDate } from '../../domain/calendar-date';
import { handoffKickoffDate, KICKOFF_DATE_KEY } from '../../domain/handoff-questions';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { toAppError } from '../errors/to-app-error';
import { parseOptions } from '../errors/parse-options';
import { startPlan } from '../plan/start-plan';
import { authorizeHandoffFiller, handoffActorSchema } from './handoff-actor';
import { answersSchema, checkedAnswers, readStepAnswers } from './handoff-answers-input';
import { loadActiveQuestions } from './handoff-question-view';
import { alreadySubmitted, loadHandoffAccount } from './load-handoff-account';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  accountId: z.string().min(1),
  /** The account's AE, its CSM or an admin in Slack; or the web form's link (the AE's authority). */
  actor: handoffActorSchema,
  /** The answers by question key; in Slack, those of the last step (earlier steps were kept by saveHandoffStep). */
  answers: answersSchema,
});

export interface SubmittedHandoff {
  handoffId: string;
  accountId: string;
  accountName: string;
  organizationId: string;
  submittedByName: string;
  /** True when this submission started the plan; false when the plan had been started without it. */
  planStarted: boolean;
  /** The day the plan started from, when it started now (YYYY-MM-DD). */
  kickoffDate: string | null;
  answered: number;
}

/**
 * The handoff, all or nothing: every answer checked against its question (a required one left blank, a date that is
 * not one: each named under its question, and nothing is written), then stored with who submitted it and when, and
 * audited. An account still waiting for its handoff starts its plan from the kickoff the handoff agreed (else its
 * planned kickoff; today when that has passed). A second submission is refused, saying who submitted it and when.
 * Telling the CSM and the contradiction check come after, in announceHandoff, once the person has been answered.
 */
export async function submitHandoff(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<SubmittedHandoff> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const account = await loadHandoffAccount(tx, o.organizationId, o.accountId);
      const filler = await authorizeHandoffFiller(tx, account, o.actor, now);
      const done = alreadySubmitted(account);
      if (done) throw done;
      const questions = await loadActiveQuestions(tx, account.organizationId);
      const earlier = filler.stepKey ? (readStepAnswers(account.handoff?.stepAnswers)[filler.stepKey] ?? {}) : {};
      const values = checkedAnswers(questions, { ...earlier, ...o.answers });

      const handoff = await tx.handoff.upsert({
        where: { accountId: account.id },
        create: { accountId: account.id, submittedAt: now, submittedById: filler.userId },
        update: { submittedAt: now, submittedById: filler.userId, stepAnswers: Prisma.DbNull },
        select: { id: true },
      });
      const answered = questions.filter((q) => values[q.key] !== undefined);
      await tx.handoffAnswer.createMany({
        data: answered.map((q) => ({ handoffId: handoff.id, questionId: q.id, value: values[q.key]! })),
      });
      await recordAuditEvent(tx, {
        organizationId: account.organizationId,
        accountId: account.id,
        entityType: 'handoff',
        entityId: handoff.id,
        actor: filler.auditActor,
        from: account.handoff?.requestedAt ? 'requested' : null,
        to: 'submitted',
        reason: `handoff submitted by ${filler.name}${'token' in o.actor ? ' through the web form' : ' in Slack'}`,
        data: { answered: answered.map((q) => q.key) },
        at: now,
      });

      let kickoffDate: string | null = null;
      if (account.status === 'pending_handoff') {
        const today = formatCalendarDate(localDateOf(now, account.organization.timezone));
        const started = await startPlan(tx, {
          accountId: account.id,
          kickoffDate: handoffKickoffDate({
            answered: values[KICKOFF_DATE_KEY] ?? null,
            planned: formatCalendarDate(account.kickoffDate),
            today,
          }),
          actor: filler.auditActor,
          reason: 'the handoff was submitted',
          at: now,
        });
        kickoffDate = started.kickoffDate;
      }
      return {
        handoffId: handoff.id,
        accountId: account.id,
        accountName: account.name,
        organizationId: account.organizationId,
        submittedByName: filler.name,
        planStarted: kickoffDate !== null,
        kickoffDate,
        answered: answered.length,
      };
    });
  } catch (error) {
    throw toAppError(error);
  }
}
