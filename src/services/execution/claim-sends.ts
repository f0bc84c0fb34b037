/**
 * The claim, for one action or a batch's window of them: one conditional UPDATE moves every action still Ready
 * (and unchanged since its checks: same updatedAt, so the text checked is the text sent) to executing, writing
 * its fresh idempotency key and its send record ('sending', with the Message-ID or client_msg_id) in the same
 * statement; the audit rows land in the same transaction. Of any number of concurrent claims on an action
 * exactly one updates its row; the others find it taken. Not transitionAction: each row gets its own key and
 * record, which one statement over many rows can only take from a list of values (fire-due-actions does the
 * same for the scheduler's batch); the move itself is the state machine's (nextActionStatus).
 *
 * The rows are locked in id order before they are updated, so two batches claiming overlapping actions wait
 * for each other instead of deadlocking. A row another claim changed meanwhile is re-checked by PostgreSQL
 * against the WHERE (READ COMMITTED) once that claim commits: no longer Ready, it is not updated.
 */
import { nextActionStatus } from '../../domain/action-state';
import { recordEntityChanges, type AuditedEntity, type EntityChange } from '../audit/record-entity-change';
import type { ServiceContext } from '../context';
import type { ActionForExecution } from './load-action-for-execution';
import type { PreparedSend } from './prepare-send';

export interface ClaimResult {
  claimed: PreparedSend[];
  /** Not claimed: someone else's claim won, or the action changed since its checks; with its status now. */
  lost: { prepared: PreparedSend; status: string }[];
}

export async function claimSends(
  ctx: ServiceContext,
  sends: readonly PreparedSend[],
  o: { actorUserId: string; now: Date },
): Promise<ClaimResult> {
  if (sends.length === 0) return { claimed: [], lost: [] };
  const from = 'ready';
  const to = nextActionStatus(from, 'claim');
  const now = o.now;
  const won = await ctx.prisma.$transaction(async (tx) => {
    const ids = sends.map((s) => s.action.id);
    // The lock comes first, in id order, in a CTE evaluated once (a sub-select in the WHERE would be run again
    // for every row); the update then joins the locked rows with their values.
    const rows = await tx.$queryRaw<{ id: string }[]>`
      WITH locked AS (
        SELECT id FROM "Action" WHERE id = ANY(${ids}::text[]) ORDER BY id FOR UPDATE
      ), v AS (
        SELECT * FROM unnest(
          ${ids}::text[],
          ${sends.map((s) => s.action.updatedAt.toISOString())}::timestamptz[],
          ${sends.map((s) => s.key)}::text[],
          ${sends.map((s) => JSON.stringify(s.record))}::jsonb[],
          ${sends.map((s) => (s.overridden.length > 0 ? o.actorUserId : null))}::text[]
        ) AS v(id, seen, key, record, lint_by)
      )
      UPDATE "Action" AS a SET
        status = ${to}::"ActionStatus",
        "idempotencyKey" = v.key,
        "executingSince" = ${now},
        attempts = a.attempts + 1,
        "executionRecord" = v.record,
        "lintOverriddenById" = v.lint_by,
        "updatedAt" = ${now}
      FROM v JOIN locked ON locked.id = v.id
      WHERE a.id = v.id
        AND a.status = ${from}::"ActionStatus"
        AND a."updatedAt" = v.seen AT TIME ZONE 'UTC'
      RETURNING a.id`;
    const claimed = new Set(rows.map((r) => r.id));
    const mine = sends.filter((s) => claimed.has(s.action.id));
    const changes: { entity: AuditedEntity; change: EntityChange }[] = [];
    for (const s of mine) {
      if (s.overridden.length === 0) continue;
      changes.push({
        entity: audited(s.action),
        change: {
          actor: o.actorUserId,
          reason: `review lint overridden: ${s.overridden.join(', ')}`,
          data: { lintOverridden: s.overridden },
          at: now,
        },
      });
    }
    for (const s of mine) {
      changes.push({
        entity: audited(s.action),
        change: {
          actor: o.actorUserId,
          from,
          to,
          reason: `claimed for sending by ${s.plan.channel}`,
          data: { idempotencyKey: s.key },
          at: now,
        },
      });
    }
    await recordEntityChanges(tx, 'action', changes);
    return claimed;
  });

  const lostSends = sends.filter((s) => !won.has(s.action.id));
  const current =
    lostSends.length === 0
      ? []
      : await ctx.prisma.action.findMany({
          where: { id: { in: lostSends.map((s) => s.action.id) } },
          select: { id: true, status: true },
        });
  const statusOf = new Map(current.map((c) => [c.id, c.status as string]));
  return {
    claimed: sends.filter((s) => won.has(s.action.id)),
    lost: lostSends.map((prepared) => ({
      prepared,
      status: statusOf.get(prepared.action.id) ?? prepared.action.status,
    })),
  };
}

/**
 * Keeps a batch's claims on actions not yet sent from looking stuck to the recovery sweep (it returns to Ready
 * what has been executing longer than stuckAfterMinutes): their executingSince moves to now. Conditional on the
 * claim's key; returns the ids still held, so an action the sweep took meanwhile is not sent.
 */
export async function renewClaims(
  ctx: ServiceContext,
  claims: readonly { id: string; key: string }[],
  now: Date,
): Promise<Set<string>> {
  if (claims.length === 0) return new Set();
  const rows = await ctx.prisma.$queryRaw<{ id: string }[]>`
    UPDATE "Action" AS a SET "executingSince" = ${now}
    FROM unnest(${claims.map((c) => c.id)}::text[], ${claims.map((c) => c.key)}::text[]) AS v(id, key)
    WHERE a.id = v.id AND a."idempotencyKey" = v.key AND a.status = 'executing'::"ActionStatus"
    RETURNING a.id`;
  return new Set(rows.map((r) => r.id));
}

export function audited(action: ActionForExecution): AuditedEntity {
  return { id: action.id, accountId: action.accountId, organizationId: action.account.organizationId };
}
