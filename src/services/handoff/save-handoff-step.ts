import { z } from 'zod';
import type { ServiceContext } from '../context';
import { toAppError } from '../errors/to-app-error';
import { parseOptions } from '../errors/parse-options';
import { toJsonInput } from '../json/stored-json';
import { authorizeHandoffFiller } from './handoff-actor';
import { answersSchema, checkedAnswers, readStepAnswers } from './handoff-answers-input';
import { loadActiveQuestions } from './handoff-question-view';
import { alreadySubmitted, loadHandoffAccount } from './load-handoff-account';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  accountId: z.string().min(1),
  /** A person filling in the Slack form (steps exist only there). */
  actor: z.object({ userId: z.string().min(1) }),
  /** The questions this step asked, by key; their answers replace any given before. */
  keys: z.array(z.string().min(1)).min(1).max(100),
  answers: answersSchema,
});

/**
 * One step of the Slack handoff form, checked and kept for this person until the last step submits the whole
 * handoff. A step with a problem keeps nothing; nothing here is the handoff itself (see submitHandoff).
 */
export async function saveHandoffStep(ctx: ServiceContext, input: z.input<typeof optionsSchema>): Promise<void> {
  const o = parseOptions(optionsSchema, input);
  try {
    await ctx.prisma.$transaction(async (tx) => {
      const account = await loadHandoffAccount(tx, o.organizationId, o.accountId);
      const filler = await authorizeHandoffFiller(tx, account, o.actor, ctx.now());
      const done = alreadySubmitted(account);
      if (done) throw done;
      const questions = (await loadActiveQuestions(tx, account.organizationId)).filter((q) => o.keys.includes(q.key));
      const values = checkedAnswers(questions, o.answers);
      const stepKey = filler.stepKey ?? o.actor.userId;
      const all = readStepAnswers(account.handoff?.stepAnswers);
      // Blank answers are kept as blank, so going back and clearing one clears it.
      const mine = { ...all[stepKey], ...Object.fromEntries(questions.map((q) => [q.key, values[q.key] ?? ''])) };
      const stepAnswers = toJsonInput({ ...all, [stepKey]: mine });
      await tx.handoff.upsert({
        where: { accountId: account.id },
        create: { accountId: account.id, stepAnswers },
        update: { stepAnswers },
        select: { id: true },
      });
    });
  } catch (error) {
    throw toAppError(error);
  }
}
