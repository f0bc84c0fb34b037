/**
 * Fires due actions: Pending actions whose due time has passed become Ready, oldest first, in bounded batches
 * (domain/plan-engine.ts isDue, said in SQL). A manual action has a due time only once a person started it.
 *
 * Safe with many Thread processes on one PostgreSQL: each batch is one transaction that locks its rows with
 * `FOR UPDATE SKIP LOCKED` (another process skips them instead of waiting) and moves them with a conditional
 * `UPDATE … WHERE status = 'pending'`, so an action is fired once however many schedulers race. After a
 * downtime the backlog drains over the next ticks, oldest due first, at most batchSize × maxBatches per tick.
 *
 * The portal throttle is decided under a lock on the account row, so two processes cannot both take the last
 * free slot. It is a NO KEY UPDATE lock: inserting audit rows (which reference the account) takes KEY SHARE
 * locks, which it does not block, so two processes throttling different accounts never deadlock on them. Held requests keep their due time and get a waitingReason; while the account stays at its limit
 * they are left out of the candidate query (so they never crowd the batch), and they fire in plan order as
 * slots free up.
 *
 * Drafting and the review card happen after the transaction commits: a slow drafter never holds row locks. The
 * batch is drafted from the template at once (drafting/draft-fired-actions.ts, a few statements for the batch); with
 * an AI drafter configured the actions are queued for their AI draft too, and the pool is woken but never awaited,
 * so a slow or failing model cannot hold a tick.
 */
import { Prisma } from '../../db/generated/client';
import { RUNNING_ACCOUNT_STATUSES } from '../../domain/account-state';
import { nextActionStatus } from '../../domain/action-state';
import { recordAuditEvents } from '../audit/record-audit-event';
import type { ServiceContext, Tx } from '../context';
import type { AiDraftQueue } from '../drafting/ai-drafts/ai-draft-queue-port';
import { draftFiredActions } from '../drafting/draft-fired-actions';
import type { Notifier } from '../notifications/notifier-port';
import { PORTAL_OPEN_STATUSES, PORTAL_TYPES, portalWaitingReason } from './portal-throttle';

/** Fills draftSubject/draftBody/lintFindings of an action that just became ready. */
export type DraftHook = (actionId: string) => Promise<void>;

export interface FireDueActionsDeps {
  notifier: Notifier;
  /**
   * Drafts one action at a time (tests, the demo history). Without it each batch is drafted from the template at
   * once (draftFiredActions), which is what the server and `thread tick` do.
   */
  draft?: DraftHook;
  /** True when portal links can be minted at send time, so the lint does not count {{portal_link}} as unfilled. */
  portalLinkAtSend?: boolean;
  /** The AI draft pool, when an AI drafter is configured: fired actions are queued for it, and it is woken. */
  aiDrafts?: AiDraftQueue;
}

export interface FireDueActionsOptions {
  batchSize?: number;
  maxBatches?: number;
  /** How many one-by-one drafts (a `draft` hook) run at once after a batch. */
  draftConcurrency?: number;
}

export interface FiredAction {
  id: string;
  accountId: string;
  name: string;
  dueAt: Date;
}

export interface HeldAction {
  id: string;
  accountId: string;
  reason: string;
}

export interface FollowUpFailure {
  actionId: string;
  step: 'draft' | 'notify';
  message: string;
}

export interface FireDueActionsResult {
  fired: FiredAction[];
  held: HeldAction[];
  batches: number;
  /** True when the last batch was full: more may be due, the next tick continues (catch-up). */
  more: boolean;
  failures: FollowUpFailure[];
}

export const DEFAULT_BATCH_SIZE = 100;
export const DEFAULT_MAX_BATCHES = 10;

interface Candidate {
  id: string;
  accountId: string;
  type: string;
}

const portalTypes = Prisma.join(PORTAL_TYPES.map((t) => Prisma.sql`${t}::"ActionType"`));
const openStatuses = Prisma.join(PORTAL_OPEN_STATUSES.map((s) => Prisma.sql`${s}::"ActionStatus"`));
/** Only running accounts are fired for: a completed (live) or churned one keeps its pending actions untouched. */
const runningAccounts = Prisma.join(RUNNING_ACCOUNT_STATUSES.map((s) => Prisma.sql`${s}::"AccountStatus"`));

export async function fireDueActions(
  ctx: ServiceContext,
  deps: FireDueActionsDeps,
  options: FireDueActionsOptions = {},
): Promise<FireDueActionsResult> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const maxBatches = options.maxBatches ?? DEFAULT_MAX_BATCHES;
  const result: FireDueActionsResult = { fired: [], held: [], batches: 0, more: false, failures: [] };
  const heldIds = new Set<string>();

  for (let i = 0; i < maxBatches; i++) {
    const now = ctx.now();
    const batch = await withDeadlockRetry(() => ctx.prisma.$transaction((tx) => claimBatch(tx, now, batchSize)));
    result.batches += 1;
    result.fired.push(...batch.fired);
    for (const h of batch.held) {
      if (heldIds.has(h.id)) continue;
      heldIds.add(h.id);
      result.held.push(h);
    }
    result.failures.push(...(await followUp(ctx, deps, batch.fired, options.draftConcurrency ?? 4)));
    result.more = batch.candidates === batchSize;
    if (!result.more) break;
  }
  return result;
}

/**
 * PostgreSQL may still pick a batch as a deadlock victim when it meets another service's transaction on the same
 * account; the batch rolled back whole, so trying again is safe.
 */
async function withDeadlockRetry<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= attempts || (code !== 'P2034' && code !== '40P01' && code !== '40001')) throw error;
    }
  }
}

async function claimBatch(
  tx: Tx,
  now: Date,
  batchSize: number,
): Promise<{ fired: FiredAction[]; held: HeldAction[]; candidates: number }> {
  // Oldest due first. A portal request already marked as waiting is left out while its account is at the
  // limit, so a long queue of held requests cannot fill every batch and starve the rest.
  const candidates = await tx.$queryRaw<Candidate[]>`
    SELECT a.id, a."accountId", a.type::text AS type
    FROM "Action" a
    WHERE a.status = 'pending'::"ActionStatus" AND a."dueAt" <= ${now}
      AND EXISTS (SELECT 1 FROM "Account" run WHERE run.id = a."accountId" AND run.status IN (${runningAccounts}))
      AND NOT (
        a.type IN (${portalTypes}) AND a."waitingReason" IS NOT NULL
        AND (SELECT count(*) FROM "Action" o WHERE o."accountId" = a."accountId" AND o.type IN (${portalTypes}) AND o.status IN (${openStatuses}))
          >= (SELECT org."maxActivePortalActions" FROM "Account" acc JOIN "Organization" org ON org.id = acc."organizationId" WHERE acc.id = a."accountId")
      )
    ORDER BY a."dueAt", a.position, a.id
    LIMIT ${batchSize}
    FOR UPDATE OF a SKIP LOCKED`;
  if (candidates.length === 0) return { fired: [], held: [], candidates: 0 };

  const toFire = candidates.filter((c) => !(PORTAL_TYPES as readonly string[]).includes(c.type)).map((c) => c.id);
  const portal = candidates.filter((c) => (PORTAL_TYPES as readonly string[]).includes(c.type));
  const held: HeldAction[] = [];
  if (portal.length > 0) {
    const decision = await throttlePortalRequests(tx, now, portal);
    toFire.push(...decision.fire);
    held.push(...decision.held);
  }

  const fired = toFire.length === 0 ? [] : await markReady(tx, now, toFire);
  return { fired, held, candidates: candidates.length };
}

async function markReady(tx: Tx, now: Date, ids: string[]): Promise<FiredAction[]> {
  const to = nextActionStatus('pending', 'fire');
  const rows = await tx.$queryRaw<(FiredAction & { organizationId: string })[]>`
    UPDATE "Action" a
    SET status = ${to}::"ActionStatus", "firedAt" = ${now}, "waitingReason" = NULL, "updatedAt" = ${now}
    FROM "Account" acc
    WHERE a.id IN (${Prisma.join(ids)}) AND a.status = 'pending'::"ActionStatus" AND acc.id = a."accountId"
      AND acc.status IN (${runningAccounts})
    RETURNING a.id, a."accountId", a.name, a."dueAt", acc."organizationId"`;
  rows.sort((x, y) => x.dueAt.getTime() - y.dueAt.getTime() || x.id.localeCompare(y.id));
  // The batch's audit rows in one statement, in the same transaction as the move they record.
  await recordAuditEvents(
    tx,
    rows.map((row) => {
      const lateMinutes = Math.floor((now.getTime() - row.dueAt.getTime()) / 60_000);
      return {
        organizationId: row.organizationId,
        accountId: row.accountId,
        entityType: 'action' as const,
        entityId: row.id,
        actor: 'system',
        from: 'pending',
        to,
        reason: lateMinutes > 60 ? `trigger was due ${row.dueAt.toISOString()}; fired on catch-up` : 'trigger due',
        data: { dueAt: row.dueAt.toISOString(), lateMinutes },
        at: now,
      };
    }),
  );
  return rows.map(({ id, accountId, name, dueAt }) => ({ id, accountId, name, dueAt }));
}

/**
 * Which of the locked portal candidates may fire. Under the account locks: free slots = limit − open portal
 * requests; the due requests of the account are taken in plan order up to the free slots. One that is not in
 * this batch is locked now if nobody else holds it; if somebody does, the requests after it wait, so the
 * customer never sees a later request before an earlier one.
 */
async function throttlePortalRequests(
  tx: Tx,
  now: Date,
  portal: Candidate[],
): Promise<{ fire: string[]; held: HeldAction[] }> {
  const accountIds = [...new Set(portal.map((c) => c.accountId))].sort();
  const accounts = await tx.$queryRaw<{ id: string; max: number }[]>`
    SELECT acc.id, org."maxActivePortalActions" AS max
    FROM "Account" acc JOIN "Organization" org ON org.id = acc."organizationId"
    WHERE acc.id IN (${Prisma.join(accountIds)})
    ORDER BY acc.id
    FOR NO KEY UPDATE OF acc`;
  const openRows = await tx.$queryRaw<{ accountId: string; open: number }[]>`
    SELECT "accountId", count(*)::int AS open FROM "Action"
    WHERE "accountId" IN (${Prisma.join(accountIds)}) AND type IN (${portalTypes}) AND status IN (${openStatuses})
    GROUP BY "accountId"`;
  const dueRows = await tx.$queryRaw<{ id: string; accountId: string }[]>`
    SELECT id, "accountId" FROM "Action"
    WHERE "accountId" IN (${Prisma.join(accountIds)}) AND status = 'pending'::"ActionStatus" AND type IN (${portalTypes})
      AND "dueAt" <= ${now}
    ORDER BY "accountId", position, id`;

  const mine = new Set(portal.map((c) => c.id));
  const openByAccount = new Map(openRows.map((r) => [r.accountId, Number(r.open)]));
  const wanted = new Map<string, string[]>();
  const extra: string[] = [];
  for (const account of accounts) {
    const slots = Math.max(0, account.max - (openByAccount.get(account.id) ?? 0));
    const first = dueRows
      .filter((r) => r.accountId === account.id)
      .slice(0, slots)
      .map((r) => r.id);
    wanted.set(account.id, first);
    extra.push(...first.filter((id) => !mine.has(id)));
  }
  const lockedExtra = new Set(
    extra.length === 0
      ? []
      : (
          await tx.$queryRaw<{ id: string }[]>`
            SELECT id FROM "Action" WHERE id IN (${Prisma.join(extra)}) AND status = 'pending'::"ActionStatus"
            FOR UPDATE SKIP LOCKED`
        ).map((r) => r.id),
  );

  const fire: string[] = [];
  const held: HeldAction[] = [];
  for (const account of accounts) {
    const take: string[] = [];
    for (const id of wanted.get(account.id) ?? []) {
      if (!mine.has(id) && !lockedExtra.has(id)) break;
      take.push(id);
    }
    fire.push(...take);
    const openAfter = (openByAccount.get(account.id) ?? 0) + take.length;
    if (openAfter < account.max) continue; // not at the limit: whatever is left is retried, not held
    const reason = portalWaitingReason(openAfter);
    const waiting = portal.filter((c) => c.accountId === account.id && !take.includes(c.id)).map((c) => c.id);
    if (waiting.length === 0) continue;
    await tx.$executeRaw`UPDATE "Action" SET "waitingReason" = ${reason}, "updatedAt" = ${now} WHERE id IN (${Prisma.join(waiting)})`;
    held.push(...waiting.map((id) => ({ id, accountId: account.id, reason })));
  }
  return { fire, held };
}

async function followUp(
  ctx: ServiceContext,
  deps: FireDueActionsDeps,
  fired: FiredAction[],
  concurrency: number,
): Promise<FollowUpFailure[]> {
  if (fired.length === 0) return [];
  const failures: FollowUpFailure[] = deps.draft
    ? await draftOneByOne(ctx, deps.draft, fired, concurrency)
    : await draftBatch(ctx, deps, fired);
  // The cards show the template's text now; the AI drafts replace it in place as they come. One call for the batch:
  // the notifier reads the cards together and refreshes each person's Home once.
  const ids = fired.map((a) => a.id);
  const notFailed = (error: unknown) => ({
    step: 'notify' as const,
    message: error instanceof Error ? error.message : String(error),
  });
  try {
    for (const failure of await deps.notifier.actionsChanged(ids)) {
      failures.push({ actionId: failure.actionId, ...notFailed(failure.error) });
      ctx.logger.error(
        { actionId: failure.actionId, err: failure.error },
        'posting the review card of a fired action failed',
      );
    }
  } catch (error) {
    // Nothing was posted (the cards could not even be read): the next tick posts the missing cards.
    failures.push(...ids.map((actionId) => ({ actionId, ...notFailed(error) })));
    ctx.logger.error({ err: error, actions: ids.length }, 'posting the review cards of fired actions failed');
  }
  return failures;
}

async function draftBatch(
  ctx: ServiceContext,
  deps: FireDueActionsDeps,
  fired: FiredAction[],
): Promise<FollowUpFailure[]> {
  try {
    const drafted = await draftFiredActions(ctx, {
      actionIds: fired.map((a) => a.id),
      portalLinkAtSend: deps.portalLinkAtSend ?? false,
      queueAiDraft: deps.aiDrafts !== undefined,
    });
    if (deps.aiDrafts && drafted.drafted.length > 0) deps.aiDrafts.wake();
    return drafted.failures.map((f) => ({ actionId: f.actionId, step: 'draft' as const, message: f.message }));
  } catch (error) {
    // The batch's drafts were not written (one transaction): the actions stay ready without a draft, the cards say
    // so, and the CSM can write them by hand.
    const message = error instanceof Error ? error.message : String(error);
    ctx.logger.error({ err: error, actions: fired.length }, 'drafting a batch of fired actions failed');
    await ctx.prisma.action.updateMany({
      where: { id: { in: fired.map((a) => a.id) }, status: 'ready', draftBody: null },
      data: { lastError: `Drafting failed: ${message}` },
    });
    return fired.map((a) => ({ actionId: a.id, step: 'draft' as const, message }));
  }
}

async function draftOneByOne(
  ctx: ServiceContext,
  draft: DraftHook,
  fired: FiredAction[],
  concurrency: number,
): Promise<FollowUpFailure[]> {
  const failures: FollowUpFailure[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < fired.length) {
      const action = fired[next++]!;
      try {
        await draft(action.id);
      } catch (error) {
        // The action stays ready without a draft; the card shows the error so the CSM can write it by hand.
        const message = error instanceof Error ? error.message : String(error);
        failures.push({ actionId: action.id, step: 'draft', message });
        ctx.logger.error({ actionId: action.id, err: error }, 'drafting a fired action failed');
        await ctx.prisma.action.update({
          where: { id: action.id },
          data: { lastError: `Drafting failed: ${message}` },
        });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, fired.length)) }, worker));
  return failures;
}
