/**
 * Sends an action exactly once. The steps, each its own commit:
 *   1. checks that change nothing (state, approval, lint, channel configured, recipient known): prepare-send.ts;
 *   2. the claim: one conditional update ready → executing (WHERE status = 'ready') that also writes a fresh
 *      idempotency key and the send record (state 'sending', with the Message-ID or client_msg_id the message
 *      will carry). Of any number of concurrent calls exactly one updates the row; the others are told it is
 *      taken (claim-sends.ts);
 *   3. the send, outside any transaction;
 *   4. executing → executed with the record 'sent' (conditional on the same key), and the actions waiting on it
 *      get their due times (record-sends.ts); or, when the send failed, executing → ready with the error, for a
 *      Retry (return-to-ready.ts).
 * A process that dies between 2 and 4 leaves a 'sending' record: see recover-stuck-executions.ts. A batch
 * (execute-batch.ts) goes through the same steps, several actions per statement.
 */
import { z } from 'zod';
import type { ActionStatus } from '../../domain/action-state';
import { AppError, isAppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { authorizeAccountChange, personActorSchema } from '../permissions/authorize-account-change';
import { claimSends } from './claim-sends';
import { loadActionForExecution } from './load-action-for-execution';
import { notifyQuietly, postInCustomerChannel } from './notify-quietly';
import { performSend } from './perform-send';
import type { ExecutionDeps } from './ports';
import { prepareSend } from './prepare-send';
import { recordSends } from './record-sends';
import { returnToReady } from './return-to-ready';
import { loadSendFacts } from './send-facts';
import type { SendRecord } from './send-record';

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
  const facts = await loadSendFacts(ctx, action.account.organizationId, [action]);
  const prepared = prepareSend(action, deps, facts, { actorUserId, overrideLint: o.overrideLint, now: ctx.now() });

  const { claimed, lost } = await claimSends(ctx, [prepared], { actorUserId, now: ctx.now() });
  if (claimed.length === 0) {
    const current = lost[0]?.status ?? status;
    if (current === 'ready')
      throw new AppError(
        'conflict',
        `"${action.name}" was edited while you executed it; look at the new draft and execute again`,
      );
    return { outcome: 'already_claimed', actionId: action.id, status: current as ActionStatus };
  }

  await deps.afterClaim?.(action.id);

  const { plan, record } = prepared;
  let done: SendRecord & { sentAt: string };
  try {
    const sent = await performSend(deps, action, plan, {
      messageId: record.messageId,
      clientMsgId: record.clientMsgId,
      actor: actorUserId,
    });
    await deps.afterSend?.(action.id);
    done = { ...record, state: 'sent', sentAt: ctx.now().toISOString(), ...sent };
  } catch (error) {
    const message = isAppError(error) ? error.message : error instanceof Error ? error.message : 'the send failed';
    await returnToReady(ctx, prepared, message, actorUserId);
    await notifyQuietly(ctx, deps, action.id, action.accountId);
    throw isAppError(error) ? error : new AppError('connector_failed', message, { cause: error });
  }
  // Outside the try: the message has left, so a failure to record it must not return the action to Ready (a Retry
  // would send it twice); it stays executing with its record 'sending', for the recovery sweep.
  await recordSends(ctx, [{ prepared, record: done }], actorUserId);
  await notifyQuietly(ctx, deps, action.id, action.accountId);
  if (plan.channel === 'portal') await postInCustomerChannel(ctx, deps, action.id);
  return { outcome: 'executed', actionId: action.id, record: done };
}
