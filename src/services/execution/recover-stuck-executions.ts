/**
 * Resolves actions left in `executing` by a process that stopped between the claim and the end of the send.
 *
 * The rule, chosen to never send twice: the send record was written ('sending', with the Message-ID or
 * client_msg_id) before the send and is replaced in the same update that marks the action executed, so a record
 * still 'sending' after `stuckAfterMinutes` means nobody knows whether the message left. Thread cannot ask the
 * SMTP server or Slack reliably, so the sweep never resends: it returns the action to Ready with an error that
 * says the message may have been sent (naming its Message-ID / client_msg_id so the CSM can look for it) and
 * marks the record 'unknown'. The CSM decides: Retry (a new claim, a new id) or Skip.
 */
import type { Prisma } from '../../db/generated/client';
import type { ActionType } from '../../domain/template';
import { transitionAction } from '../actions/transition-action';
import type { ServiceContext } from '../context';
import { toJsonInput } from '../json/stored-json';
import { notifyQuietly } from './notify-quietly';
import type { ExecutionDeps } from './ports';
import { readSendRecord, type SendRecord } from './send-record';

export const DEFAULT_STUCK_AFTER_MINUTES = 10;

export interface RecoveredExecution {
  actionId: string;
  message: string;
}

export async function recoverStuckExecutions(
  ctx: ServiceContext,
  deps: Pick<ExecutionDeps, 'notifier' | 'stuckAfterMinutes'>,
  options: { limit?: number } = {},
): Promise<RecoveredExecution[]> {
  const now = ctx.now();
  const cutoff = new Date(now.getTime() - (deps.stuckAfterMinutes ?? DEFAULT_STUCK_AFTER_MINUTES) * 60_000);
  const stuck = await ctx.prisma.action.findMany({
    where: { status: 'executing', OR: [{ executingSince: { lt: cutoff } }, { executingSince: null }] },
    include: { account: { select: { organizationId: true } } },
    orderBy: { executingSince: 'asc' },
    take: options.limit ?? 100,
  });

  const recovered: RecoveredExecution[] = [];
  for (const action of stuck) {
    const record = readSendRecord(action.executionRecord);
    const message = interruptedMessage(record, action.executingSince);
    const unknown: Prisma.InputJsonValue | undefined = record
      ? toJsonInput<SendRecord>({ ...record, state: 'unknown', error: message })
      : undefined;
    const done = await ctx.prisma.$transaction(async (tx) => {
      // Conditional on the same claim, so a send that finishes right now wins over the sweep.
      const { changed } = await transitionAction(tx, {
        action: {
          id: action.id,
          status: 'executing',
          type: action.type as ActionType,
          accountId: action.accountId,
          organizationId: action.account.organizationId,
        },
        event: 'send_failed',
        where: { idempotencyKey: action.idempotencyKey },
        data: { executingSince: null, lastError: message, ...(unknown ? { executionRecord: unknown } : {}) },
        conflict: null,
        actor: 'system',
        reason: message,
        at: now,
      });
      return changed;
    });
    if (!done) continue;
    recovered.push({ actionId: action.id, message });
    ctx.logger.warn({ actionId: action.id }, 'an interrupted send was returned to ready; it may have been sent');
    await notifyQuietly(ctx, deps, action.id, action.accountId);
  }
  return recovered;
}

function interruptedMessage(record: SendRecord | null, since: Date | null): string {
  const when = since ? ` at ${since.toISOString()}` : '';
  if (record?.channel === 'internal') return `Execution was interrupted${when}; nothing was sent. Execute it again.`;
  const id = record?.messageId
    ? ` (Message-ID ${record.messageId})`
    : record?.clientMsgId
      ? ` (Slack client_msg_id ${record.clientMsgId})`
      : '';
  return `The send was interrupted${when} and may or may not have reached the customer${id}. Check before retrying; Thread does not resend by itself.`;
}
