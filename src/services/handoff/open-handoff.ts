/**
 * Asks the account's AE for the handoff: records the request (the Handoff row, its reminder clock restarted), then
 * tells the AE (a DM with Fill in the handoff when they use Thread in Slack, otherwise an email with a link to the web
 * form) and tells the CSM how the AE was asked, or why they could not be. Called by `/thread new` when the AE hands
 * the account over first, and (wired by the composition root) when the CRM creates an account pending its handoff.
 */
import { z } from 'zod';
import { AppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { toAppError } from '../errors/to-app-error';
import { parseOptions } from '../errors/parse-options';
import type { Mailer } from '../execution/ports';
import type { Notifier } from '../notifications/notifier-port';
import { actingPersonSchema, assertCapability, loadActingPerson } from '../people/acting-person';
import { deliverHandoffRequest, type HandoffDelivery } from './deliver-handoff-request';
import { loadActiveQuestions } from './handoff-question-view';
import { alreadySubmitted, loadHandoffAccount, type HandoffAccount } from './load-handoff-account';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  accountId: z.string().min(1),
  /** A CSM or admin (re-read here), the command line, or Thread itself (an account the CRM created). */
  actor: z.union([actingPersonSchema, z.literal('system')]),
});

export interface OpenHandoffDeps {
  notifier: Notifier;
  mailer?: Mailer;
  publicUrl?: string;
}

export interface OpenedHandoff extends HandoffDelivery {
  handoffId: string;
}

export async function openHandoff(
  ctx: ServiceContext,
  deps: OpenHandoffDeps,
  input: z.input<typeof optionsSchema>,
): Promise<OpenedHandoff> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  let account: HandoffAccount;
  let handoffId: string;
  let questions: { required: boolean }[];
  try {
    ({ account, handoffId, questions } = await ctx.prisma.$transaction(async (tx) => {
      const auditActor =
        o.actor === 'system'
          ? 'system'
          : await loadActingPerson(tx, o.organizationId, o.actor).then((person) => {
              assertCapability(person, 'create_accounts', 'ask for a handoff');
              return person.auditActor;
            });
      const found = await loadHandoffAccount(tx, o.organizationId, o.accountId);
      const done = alreadySubmitted(found);
      if (done) throw done;
      if (found.status === 'completed' || found.status === 'churned') {
        throw new AppError('illegal_transition', `${found.name} is ${found.status}; its handoff is history.`);
      }
      // Asked again: the reminder clock starts over.
      const reset = { requestedAt: now, remindedAt: null, escalatedAt: null };
      const handoff = await tx.handoff.upsert({
        where: { accountId: found.id },
        create: { accountId: found.id, requestedAt: now },
        update: reset,
        select: { id: true },
      });
      await recordAuditEvent(tx, {
        organizationId: found.organizationId,
        accountId: found.id,
        entityType: 'handoff',
        entityId: handoff.id,
        actor: auditActor,
        from: found.handoff?.requestedAt ? 'requested' : null,
        to: 'requested',
        reason: found.ae ? `handoff asked of ${found.ae.name}` : 'handoff opened; the account has no account executive',
        at: now,
      });
      return {
        account: found,
        handoffId: handoff.id,
        questions: await loadActiveQuestions(tx, found.organizationId),
      };
    }));
  } catch (error) {
    throw toAppError(error);
  }

  const delivery = await deliverHandoffRequest(ctx, deps, {
    account,
    handoffId,
    kind: 'request',
    questions,
    requestedAt: now,
  });
  if (delivery.reached === 'nobody') {
    await ctx.prisma.$transaction((tx) =>
      recordAuditEvent(tx, {
        organizationId: account.organizationId,
        accountId: account.id,
        entityType: 'handoff',
        entityId: handoffId,
        actor: 'system',
        reason: `the AE could not be asked: ${delivery.problem ?? 'no way to reach them'}`,
        at: now,
      }),
    );
  }
  await deps.notifier
    .handoffOpened({
      accountId: account.id,
      accountName: account.name,
      csmUserId: account.csmId,
      aeName: account.ae?.name ?? null,
      aeSlackUserId: account.ae?.slackUserId ?? null,
      reached: delivery.reached,
      email: delivery.email,
      problem: delivery.problem,
    })
    .catch((error: unknown) =>
      ctx.logger.error({ err: error, accountId: account.id }, 'could not tell the CSM that the handoff was asked for'),
    );
  return { handoffId, ...delivery };
}
