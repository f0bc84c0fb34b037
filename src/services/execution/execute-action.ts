/**
 * Sends an action exactly once. The steps, each its own commit:
 *   1. checks that change nothing (state, lint, channel configured, recipient known);
 *   2. the claim: one conditional update ready → executing (WHERE status = 'ready') that also writes a fresh
 *      idempotency key and the send record (state 'sending', with the Message-ID or client_msg_id the message
 *      will carry). Of any number of concurrent calls exactly one updates the row; the others are told it is taken;
 *   3. the send, outside any transaction;
 *   4. executing → executed with the record 'sent' (conditional on the same key), and the actions waiting on it
 *      get their due times; or, when the send failed, executing → ready with the error, for a Retry.
 * A process that dies between 2 and 4 leaves a 'sending' record: see recover-stuck-executions.ts.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { nextActionStatus, type ActionStatus } from '../../domain/action-state';
import { blockingFindings } from '../../domain/review-lint';
import type { ActionType } from '../../domain/template';
import { AppError, isAppError } from '../../lib/errors';
import { transitionAction } from '../actions/transition-action';
import { recordEntityChange, type AuditedEntity } from '../audit/record-entity-change';
import type { ServiceContext } from '../context';
import { describeBlocking, lintActionDraft } from '../drafting/lint-action-draft';
import { parseOptions } from '../errors/parse-options';
import { toJsonInput } from '../json/stored-json';
import { toAppError } from '../errors/to-app-error';
import { propagateActionChange } from '../plan/propagate-action-change';
import { refreshNextActionAt } from '../plan/refresh-next-action-at';
import { assertApprovalRule } from './assert-approval-rule';
import { loadActionForExecution } from './load-action-for-execution';
import { getCustomerEmailSender } from '../people/get-customer-email-sender';
import { authorizeAccountChange, personActorSchema } from '../permissions/authorize-account-change';
import { performSend } from './perform-send';
import { planSend } from './plan-send';
import type { ExecutionDeps } from './ports';
import type { SendRecord } from './send-record';
import { notifyQuietly } from './notify-quietly';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  actionId: z.string().min(1),
  /** The Thread user who executes: the account's CSM or an admin; recorded as executedById and in the audit trail. */
  actor: personActorSchema,
  /** Send despite blocking lint findings; recorded in the audit trail. */
  overrideLint: z.boolean().default(false),
});

export type ExecuteActionResult =
  | { outcome: 'executed'; actionId: string; record: SendRecord }
  /** Someone else's claim won (a double click, a Slack retry, another CSM): nothing was sent by this call. */
  | { outcome: 'already_claimed'; actionId: string; status: ActionStatus };

export async function executeAction(
  ctx: ServiceContext,
  deps: ExecutionDeps,
  options: z.input<typeof optionsSchema>,
): Promise<ExecuteActionResult> {
  const o = parseOptions(optionsSchema, options);
  const action = await loadActionForExecution(ctx, o.organizationId, o.actionId);
  await authorizeAccountChange(ctx.prisma, {
    organizationId: o.organizationId,
    actor: o.actor,
    account: action.account,
    doing: 'execute actions',
  });
  const actorUserId = o.actor.userId;
  const status = action.status as ActionStatus;
  if (status === 'executing' || status === 'executed' || status === 'completed') {
    return { outcome: 'already_claimed', actionId: action.id, status };
  }
  try {
    nextActionStatus(status, 'claim');
  } catch (error) {
    throw toAppError(error);
  }
  await assertApprovalRule(ctx, {
    organizationId: action.account.organizationId,
    draft: action,
    executorUserId: actorUserId,
  });

  const planned = planSend(action, deps);
  // Customer email goes out as the account's CSM, with replies to them: refused before anything is claimed when
  // Slack hides their email and they gave no reply-to address.
  const csmId = action.account.csmId;
  const plan =
    (planned.channel === 'email' || planned.channel === 'portal') && csmId
      ? {
          ...planned,
          sender: await getCustomerEmailSender(ctx, { organizationId: action.account.organizationId, userId: csmId }),
        }
      : planned;
  let overridden: string[] = [];
  if (plan.channel !== 'internal') {
    const findings = lintActionDraft({
      type: action.type as ActionType,
      subject: plan.subject,
      body: plan.body,
      companyName: action.account.name,
      portalLinkAtSend: deps.portalLinks !== undefined && plan.recipient !== null,
    });
    const blocking = blockingFindings(findings);
    if (blocking.length > 0 && !o.overrideLint) {
      throw new AppError(
        'validation_failed',
        `"${action.name}" is not sent: ${describeBlocking(findings)} Fix the draft, or override the review lint explicitly.`,
        {
          details: blocking,
        },
      );
    }
    overridden = blocking.map((f) => f.excerpt ?? f.code);
  }

  const key = randomUUID();
  const now = ctx.now();
  const record: SendRecord = {
    state: 'sending',
    channel: plan.channel,
    idempotencyKey: key,
    claimedAt: now.toISOString(),
    claimedBy: actorUserId,
    ...(plan.channel === 'email' || plan.channel === 'portal'
      ? { messageId: deps.mailer!.messageIdFor(key), to: plan.recipient!.email }
      : {}),
    ...(plan.channel === 'slack' ? { clientMsgId: key, to: plan.slackTarget } : {}),
    ...(overridden.length > 0 ? { lintOverridden: overridden } : {}),
  };

  const audited = auditedAction(action);
  const claimed = await ctx.prisma.$transaction(async (tx) => {
    const { changed } = await transitionAction(tx, {
      action: { ...audited, status, type: action.type as ActionType },
      event: 'claim',
      // updatedAt too: the text checked above is the text sent, not an edit saved meanwhile.
      where: { updatedAt: action.updatedAt },
      data: {
        idempotencyKey: key,
        executingSince: now,
        attempts: { increment: 1 },
        executionRecord: toJsonInput(record),
        lintOverriddenById: overridden.length > 0 ? actorUserId : null,
      },
      // Losing the claim is how a double click or a second process is kept from sending twice: reported below.
      conflict: null,
      alsoWrite: async () => {
        if (overridden.length === 0) return;
        await recordEntityChange(tx, 'action', audited, {
          actor: actorUserId,
          reason: `review lint overridden: ${overridden.join(', ')}`,
          data: { lintOverridden: overridden },
          at: now,
        });
      },
      actor: actorUserId,
      reason: `claimed for sending by ${plan.channel}`,
      auditData: { idempotencyKey: key },
      at: now,
    });
    return changed;
  });
  if (!claimed) {
    const current = await ctx.prisma.action.findUnique({ where: { id: action.id }, select: { status: true } });
    if (current?.status === 'ready')
      throw new AppError(
        'conflict',
        `"${action.name}" was edited while you executed it; look at the new draft and execute again`,
      );
    return { outcome: 'already_claimed', actionId: action.id, status: (current?.status ?? status) as ActionStatus };
  }

  await deps.afterClaim?.(action.id);

  try {
    const sent = await performSend(deps, action, plan, {
      messageId: record.messageId,
      clientMsgId: record.clientMsgId,
      actor: actorUserId,
    });
    await deps.afterSend?.(action.id);
    const done: SendRecord = { ...record, state: 'sent', sentAt: ctx.now().toISOString(), ...sent };
    await markExecuted(ctx, action, key, done, actorUserId);
    await notifyQuietly(ctx, deps, action.id, action.accountId);
    if (plan.channel === 'portal') await postInCustomerChannel(ctx, deps, action.id);
    return { outcome: 'executed', actionId: action.id, record: done };
  } catch (error) {
    const message = isAppError(error) ? error.message : error instanceof Error ? error.message : 'the send failed';
    await returnToReady(ctx, action, key, { ...record, state: 'failed', error: message }, actorUserId, message);
    await notifyQuietly(ctx, deps, action.id, action.accountId);
    throw isAppError(error) ? error : new AppError('connector_failed', message, { cause: error });
  }
}

type Claimed = Awaited<ReturnType<typeof loadActionForExecution>>;

/**
 * A sent portal request is also posted in the account's customer channel (the notifier posts it once, under a claim).
 * The request went out by email either way, so Slack refusing the post must not make the send look failed.
 */
async function postInCustomerChannel(ctx: ServiceContext, deps: ExecutionDeps, actionId: string): Promise<void> {
  try {
    await deps.notifier.portalRequestSent(actionId);
  } catch (error) {
    ctx.logger.warn({ actionId, err: error }, 'could not post the portal request in the customer channel');
  }
}

function auditedAction(action: Claimed): AuditedEntity {
  return { id: action.id, accountId: action.accountId, organizationId: action.account.organizationId };
}

async function markExecuted(
  ctx: ServiceContext,
  action: Claimed,
  key: string,
  record: SendRecord,
  actor: string,
): Promise<void> {
  const at = ctx.now();
  const to = nextActionStatus('executing', 'sent');
  await ctx.prisma.$transaction(async (tx) => {
    // Not transitionAction: besides the claim's key, this accepts 'ready' too. If the recovery sweep gave up on this
    // claim while the send was still running (and nobody has claimed it again, which would have changed the key),
    // the send did happen and the row must say so.
    const updated = await tx.action.updateMany({
      where: { id: action.id, status: { in: ['executing', 'ready'] }, idempotencyKey: key },
      data: {
        status: to,
        executedAt: at,
        executedById: actor,
        executingSince: null,
        lastError: null,
        executionRecord: toJsonInput(record),
      },
    });
    if (updated.count !== 1) {
      ctx.logger.error(
        { actionId: action.id },
        'a send completed after its claim was recovered and claimed again; the action may have been sent twice',
      );
      return;
    }
    await recordEntityChange(tx, 'action', auditedAction(action), {
      actor,
      from: 'executing',
      to,
      reason: `sent by ${record.channel}`,
      data: {
        messageId: record.messageId ?? null,
        clientMsgId: record.clientMsgId ?? null,
        slackTs: record.slackTs ?? null,
      },
      at,
    });
    // Sent is no longer open: the account's next action time moves on (transitionAction does this for the others).
    await refreshNextActionAt(tx, [action.accountId]);
    await propagateActionChange(tx, {
      accountId: action.accountId,
      action: { key: action.key, type: action.type as ActionType },
      event: 'sent',
      at,
    });
  });
}

async function returnToReady(
  ctx: ServiceContext,
  action: Claimed,
  key: string,
  record: SendRecord,
  actor: string,
  message: string,
): Promise<void> {
  const at = ctx.now();
  await ctx.prisma.$transaction(async (tx) => {
    // Conditional on this call's claim; if the recovery sweep already returned it to ready, there is nothing to do.
    await transitionAction(tx, {
      action: { ...auditedAction(action), status: 'executing', type: action.type as ActionType },
      event: 'send_failed',
      where: { idempotencyKey: key },
      data: { executingSince: null, lastError: message, executionRecord: toJsonInput(record) },
      conflict: null,
      actor,
      reason: `send failed: ${message}`,
      at,
    });
  });
}
