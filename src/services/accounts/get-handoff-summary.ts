import { z } from 'zod';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';

const optionsSchema = z.object({ organizationId: z.string().min(1), accountId: z.string().min(1) });

export interface HandoffSummary {
  accountId: string;
  accountName: string;
  /** Null when no handoff was recorded for the account. */
  submittedAt: Date | null;
  submittedByName: string | null;
  submittedBySlackUserId: string | null;
  /** Answered questions in the organisation's question order; blank answers are left out. */
  answers: { question: string; answer: string }[];
  recorded: boolean;
}

/** What the AE handed over when the deal closed, for the account card's Handoff summary button. */
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
      handoff: {
        select: {
          submittedAt: true,
          submittedBy: { select: { name: true, slackUserId: true } },
          answers: { select: { value: true, question: { select: { label: true, position: true } } } },
        },
      },
    },
  });
  if (!account) throw new AppError('not_found', 'that account does not exist (any more)');
  const handoff = account.handoff;
  const answers = [...(handoff?.answers ?? [])]
    .filter((a) => a.value.trim() !== '')
    .sort((a, b) => a.question.position - b.question.position)
    .map((a) => ({ question: a.question.label, answer: a.value }));
  return {
    accountId: account.id,
    accountName: account.name,
    submittedAt: handoff?.submittedAt ?? null,
    submittedByName: handoff?.submittedBy?.name ?? null,
    submittedBySlackUserId: handoff?.submittedBy?.slackUserId ?? null,
    answers,
    recorded: handoff !== null && answers.length > 0,
  };
}
