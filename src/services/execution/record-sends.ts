/**
 * The end of successful sends, for one action or a batch's window of them, in one transaction: executing →
 * executed with the record 'sent' (conditional on each claim's key), the audit rows, the actions waiting on
 * them get their due times (once per account, however many of its actions were sent), and the accounts' next
 * action times move on, all in a fixed number of statements.
 *
 * Not transitionAction: besides the claim's key, this accepts 'ready' too. If the recovery sweep gave up on a
 * claim while its send was still running (and nobody has claimed it again, which would have changed the key),
 * the send did happen and the row must say so.
 */
import { nextActionStatus } from '../../domain/action-state';
import type { ActionType } from '../../domain/template';
import { recordEntityChanges } from '../audit/record-entity-change';
import type { ServiceContext } from '../context';
import { propagateActionChanges } from '../plan/propagate-action-change';
import { refreshNextActionAt } from '../plan/refresh-next-action-at';
import { audited } from './claim-sends';
import type { PreparedSend } from './prepare-send';
import type { SendRecord } from './send-record';

export interface CompletedSend {
  prepared: PreparedSend;
  /** The record after the send: state 'sent', with sentAt (also the action's executedAt) and what the channel said. */
  record: SendRecord & { sentAt: string };
}

/** Returns the ids recorded as executed. */
export async function recordSends(
  ctx: ServiceContext,
  sends: readonly CompletedSend[],
  actorUserId: string,
): Promise<Set<string>> {
  if (sends.length === 0) return new Set();
  const to = nextActionStatus('executing', 'sent');
  const recorded = await ctx.prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "Action" AS a SET
        status = ${to}::"ActionStatus",
        "executedAt" = v.sent_at AT TIME ZONE 'UTC',
        "executedById" = ${actorUserId},
        "executingSince" = NULL,
        "lastError" = NULL,
        "executionRecord" = v.record,
        "updatedAt" = v.sent_at AT TIME ZONE 'UTC'
      FROM unnest(
        ${sends.map((s) => s.prepared.action.id)}::text[],
        ${sends.map((s) => s.prepared.key)}::text[],
        ${sends.map((s) => JSON.stringify(s.record))}::jsonb[],
        ${sends.map((s) => s.record.sentAt)}::timestamptz[]
      ) AS v(id, key, record, sent_at)
      WHERE a.id = v.id AND a."idempotencyKey" = v.key
        AND a.status IN ('executing'::"ActionStatus", 'ready'::"ActionStatus")
      RETURNING a.id`;
    const ids = new Set(rows.map((r) => r.id));
    const done = sends.filter((s) => ids.has(s.prepared.action.id));
    await recordEntityChanges(
      tx,
      'action',
      done.map((s) => ({
        entity: audited(s.prepared.action),
        change: {
          actor: actorUserId,
          from: 'executing',
          to,
          reason: `sent by ${s.record.channel}`,
          data: {
            messageId: s.record.messageId ?? null,
            clientMsgId: s.record.clientMsgId ?? null,
            slackTs: s.record.slackTs ?? null,
          },
          at: new Date(s.record.sentAt),
        },
      })),
    );
    await propagateActionChanges(
      tx,
      done.map((s) => ({
        accountId: s.prepared.action.accountId,
        action: { key: s.prepared.action.key, type: s.prepared.action.type as ActionType },
        event: 'sent' as const,
        at: new Date(s.record.sentAt),
      })),
      { refreshNextActionAt: false },
    );
    // Sent is no longer open, and what was released has a due time: one refresh for every account touched.
    await refreshNextActionAt(tx, [...new Set(done.map((s) => s.prepared.action.accountId))].sort());
    return ids;
  });
  for (const s of sends) {
    if (recorded.has(s.prepared.action.id)) continue;
    ctx.logger.error(
      { actionId: s.prepared.action.id },
      'a send completed after its claim was recovered and claimed again; the action may have been sent twice',
    );
  }
  return recorded;
}
