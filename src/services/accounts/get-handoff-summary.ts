import { z } from 'zod';
import { describeHandoffAnswer } from '../../domain/handoff-questions';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';

const optionsSchema = z.object({ organizationId: z.string().min(1), accountId: z.string().min(1) });

export interface HandoffSummary {
  accountId: string;
  accountName: string;
  /** The account's status: pending_handoff while the plan waits for the handoff. */
  accountStatus: string;
  /** none: nobody asked for one; requested: the AE was asked and has not answered; submitted: it is in. */
  state: 'none' | 'requested' | 'submitted';
  aeUserId: string | null;
  aeName: string | null;
  aeSlackUserId: string | null;
  csmUserId: string | null;
  requestedAt: Date | null;
  /** Null when no handoff was submitted for the account. */
  submittedAt: Date | null;
  submittedByName: string | null;
  submittedBySlackUserId: string | null;
  /** The CSM (or an admin) started the plan without waiting for the handoff, and why. */
  startedWithout: { at: Date; byName: string | null; reason: string } | null;
  /** Answered questions in the organisation's question order, as people read them; blank answers are left out. */
  answers: { question: string; answer: string }[];
  recorded: boolean;
}

/** What the AE handed over when the deal closed, or where the handoff stands: the account card and `/thread handoff`. */
export async function getHandoffSummary(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<HandoffSummary> {
  const o = parseOptions(optionsSchema, input);
  const account = await ctx.prisma.account.findFirst({
    where: { id: o.accountId, organizationId: o.organizationId },
    select: {
      id: true,
      name: true,
      status: true,
      csmId: true,
      ae: { select: { id: true, name: true, slackUserId: true } },
      handoff: {
        select: {
          requestedAt: true,
          submittedAt: true,
          submittedBy: { select: { name: true, slackUserId: true } },
          startedWithoutHandoffAt: true,
          startedWithoutHandoffReason: true,
          startedWithoutHandoffById: true,
          answers: {
            select: { value: true, question: { select: { label: true, position: true, kind: true, active: true } } },
          },
        },
      },
    },
  });
  if (!account) throw new AppError('not_found', 'that account does not exist (any more)');
  const handoff = account.handoff;
  const answers = [...(handoff?.answers ?? [])]
    .filter((a) => a.value.trim() !== '')
    // Questions removed since keep their answers, after the ones still asked.
    .sort((a, b) => Number(b.question.active) - Number(a.question.active) || a.question.position - b.question.position)
    .map((a) => ({ question: a.question.label, answer: describeHandoffAnswer(a.question.kind, a.value) }));
  const startedBy = handoff?.startedWithoutHandoffById
    ? await ctx.prisma.user.findUnique({ where: { id: handoff.startedWithoutHandoffById }, select: { name: true } })
    : null;
  return {
    accountId: account.id,
    accountName: account.name,
    accountStatus: account.status,
    state: handoff?.submittedAt ? 'submitted' : handoff?.requestedAt ? 'requested' : 'none',
    aeUserId: account.ae?.id ?? null,
    aeName: account.ae?.name ?? null,
    aeSlackUserId: account.ae?.slackUserId ?? null,
    csmUserId: account.csmId,
    requestedAt: handoff?.requestedAt ?? null,
    submittedAt: handoff?.submittedAt ?? null,
    submittedByName: handoff?.submittedBy?.name ?? null,
    submittedBySlackUserId: handoff?.submittedBy?.slackUserId ?? null,
    startedWithout:
      handoff?.startedWithoutHandoffAt && handoff.startedWithoutHandoffReason
        ? {
            at: handoff.startedWithoutHandoffAt,
            byName: startedBy?.name ?? null,
            reason: handoff.startedWithoutHandoffReason,
          }
        : null,
    answers,
    recorded: handoff?.submittedAt != null && answers.length > 0,
  };
}
