import { z } from 'zod';
import { prefillFromCrm } from '../../domain/handoff-questions';
import type { ServiceContext } from '../context';
import { toAppError } from '../errors/to-app-error';
import { parseOptions } from '../errors/parse-options';
import { crmFactsSchema } from '../hubspot/crm-facts';
import { authorizeHandoffFiller, handoffActorSchema } from './handoff-actor';
import { loadActiveQuestions, type HandoffQuestionView } from './handoff-question-view';
import { loadHandoffAccount } from './load-handoff-account';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  accountId: z.string().min(1),
  actor: handoffActorSchema,
});

export interface HandoffForm {
  accountId: string;
  accountName: string;
  organizationName: string;
  organization: { name: string; logoUrl: string | null; brandColor: string };
  aeName: string | null;
  csmName: string | null;
  /** The active questions, in order. */
  questions: HandoffQuestionView[];
  /** Initial answers by question key: what the CRM said (Account.crmFacts), as each question accepts it. */
  prefill: Record<string, string>;
  /** Whether the CRM pre-filled anything, to say so on the form. */
  prefilledFromCrm: boolean;
  submitted: { byName: string; at: Date } | null;
  /** Whether submitting now starts the plan (the account still waits for its handoff). */
  startsPlan: boolean;
}

/**
 * The handoff form for the person about to fill it in (the account's AE, its CSM or an admin, or the AE through the
 * web link): the questions, pre-filled from what the CRM said about the deal, and whether it is still open.
 */
export async function getHandoffForm(ctx: ServiceContext, input: z.input<typeof optionsSchema>): Promise<HandoffForm> {
  const o = parseOptions(optionsSchema, input);
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      // Only read: opening the form never waits for (or holds up) a submission.
      const account = await loadHandoffAccount(tx, o.organizationId, o.accountId, { lock: false });
      await authorizeHandoffFiller(tx, account, o.actor, ctx.now());
      const org = await tx.organization.findUniqueOrThrow({
        where: { id: account.organizationId },
        select: { name: true, logoUrl: true, brandColor: true },
      });
      const questions = await loadActiveQuestions(tx, account.organizationId);
      // Facts another version wrote in another shape pre-fill nothing rather than break the form.
      const facts = crmFactsSchema.safeParse(account.crmFacts);
      const properties = facts.success ? facts.data.properties : {};
      const prefill: Record<string, string> = {};
      for (const q of questions) {
        if (!q.crmProperty) continue;
        const value = prefillFromCrm(q, properties[q.crmProperty]);
        if (value !== undefined) prefill[q.key] = value;
      }
      const h = account.handoff;
      return {
        accountId: account.id,
        accountName: account.name,
        organizationName: org.name,
        organization: org,
        aeName: account.ae?.name ?? null,
        csmName: account.csm?.name ?? null,
        questions,
        prefill,
        prefilledFromCrm: Object.keys(prefill).length > 0,
        submitted: h?.submittedAt ? { byName: h.submittedBy?.name ?? 'someone', at: h.submittedAt } : null,
        startsPlan: account.status === 'pending_handoff',
      };
    });
  } catch (error) {
    throw toAppError(error);
  }
}
