/**
 * Executes several Ready actions (batch review). Every action is still sent at most once, by the same steps as
 * executeAction (prepare-send, claim-sends, the send, record-sends), but a window of actions at a time shares
 * each step's statements: the checks read the actions, the person, the approval rule and the senders once; one
 * conditional UPDATE claims the window; its portal links are minted in one transaction; after the sends one
 * transaction records them, writes their audit rows and propagates each account's triggers once.
 *
 * Why windows rather than one claim for the whole batch: a claimed action whose send never happened looks, to
 * the recovery sweep after a crash, like one that may have been sent; the CSM then has to check it by hand. A
 * window is at most WINDOW_MAX actions and, with pacing on, about WINDOW_PACED_MS of sends (batch-pacing.ts),
 * so a crash leaves that many to check at worst, and claims are young when their send starts. A window whose
 * sends are slow (a mail server timing out) renews its remaining claims before the sweep could take them.
 *
 * A failure is recorded and the batch goes on. Progress is reported after every action so the caller can
 * update one message in place ("12 of 40 sent"); the review cards and App Homes are refreshed once a window
 * is recorded.
 */
import { z } from 'zod';
import { isAppError, type AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import {
  authorizeAccountChanges,
  authorizeActionsChange,
  personActorSchema,
} from '../permissions/authorize-account-change';
import { claimSends, renewClaims } from './claim-sends';
import { loadActionsForExecution } from './load-action-for-execution';
import { notifyQuietly, postInCustomerChannel } from './notify-quietly';
import { performSend } from './perform-send';
import { nextWindow, paceLane, waitForLane, type Lanes } from './batch-pacing';
import { DEFAULT_PACING, type ExecutionDeps } from './ports';
import { prepareSend, type PreparedSend } from './prepare-send';
import { recordSends, type CompletedSend } from './record-sends';
import { DEFAULT_STUCK_AFTER_MINUTES } from './recover-stuck-executions';
import { returnToReady } from './return-to-ready';
import { loadSendFacts } from './send-facts';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  actionIds: z.array(z.string().min(1)).min(1, 'select at least one action').max(500, 'at most 500 actions per batch'),
  actor: personActorSchema,
});

export interface BatchFailure {
  actionId: string;
  error: string;
}

export interface BatchProgress {
  total: number;
  /** Actions handled so far (sent, failed or skipped). */
  done: number;
  sent: number;
  /** Already sent or being sent by someone else: nothing was sent by this batch. */
  skipped: number;
  failures: BatchFailure[];
}

type BatchOptions = z.input<typeof optionsSchema> & {
  onProgress?: (progress: BatchProgress) => void | Promise<void>;
};

export async function executeBatch(
  ctx: ServiceContext,
  deps: ExecutionDeps,
  options: BatchOptions,
): Promise<BatchProgress> {
  const o = parseOptions(optionsSchema, {
    organizationId: options.organizationId,
    actionIds: options.actionIds,
    actor: options.actor,
  });
  const ids = [...new Set(o.actionIds)];
  const rows = await ctx.prisma.action.findMany({
    where: { id: { in: ids }, account: { organizationId: o.organizationId } },
    select: { id: true, type: true, accountId: true, account: { select: { name: true, csmId: true } } },
  });
  // The whole batch is refused before anything is sent when one of its accounts is not the person's to change:
  // half a batch sent and half refused is harder to reason about than a clear "no" (each window checks again).
  await authorizeActionsChange(ctx.prisma, {
    organizationId: o.organizationId,
    actor: o.actor,
    actions: rows,
    doing: 'execute actions',
  });

  const laneOf = new Map(rows.map((r) => [r.id, paceLane(r.type, r.accountId)]));
  const lanes: Lanes = { pacing: { ...DEFAULT_PACING, ...deps.pacing }, lastSendAt: new Map() };
  const progress: BatchProgress = { total: ids.length, done: 0, sent: 0, skipped: 0, failures: [] };
  const run: BatchRun = { ctx, deps, o, lanes, laneOf, progress, onProgress: options.onProgress };
  for (let next = 0; next < ids.length;) {
    const window = nextWindow(ids.slice(next), laneOf, lanes, performance.now());
    next += window.length;
    await executeWindow(run, window);
  }
  return progress;
}

interface BatchRun {
  ctx: ServiceContext;
  deps: ExecutionDeps;
  o: z.output<typeof optionsSchema>;
  lanes: Lanes;
  laneOf: Map<string, string | null>;
  progress: BatchProgress;
  onProgress: BatchOptions['onProgress'];
}

/** What happens to one action of a window before anything is sent. */
type Decision = { kind: 'send'; claim: PreparedSend } | { kind: 'skip' } | { kind: 'fail'; error: string };

async function executeWindow(run: BatchRun, window: string[]): Promise<void> {
  const { ctx, deps, o } = run;
  const actorUserId = o.actor.userId;
  const decisions = await decide(run, window);
  const claims = window.flatMap((id) => {
    const d = decisions.get(id)!;
    return d.kind === 'send' ? [d.claim] : [];
  });

  let claimedAt = ctx.now();
  let claimed: PreparedSend[] = [];
  try {
    const result = await claimSends(ctx, claims, { actorUserId, now: claimedAt });
    claimed = result.claimed;
    for (const { prepared, status } of result.lost) {
      decisions.set(
        prepared.action.id,
        status === 'ready'
          ? {
              kind: 'fail',
              error: `"${prepared.action.name}" was edited while you executed it; look at the new draft and execute again`,
            }
          : { kind: 'skip' },
      );
    }
  } catch (error) {
    // The claim's transaction rolled back whole: nothing of this window was claimed or sent.
    for (const c of claims) decisions.set(c.action.id, { kind: 'fail', error: messageOf(error) });
  }
  const links = await mintLinks(run, claimed);

  /** Claimed and not yet attempted. */
  const unsent = new Map(claimed.map((c) => [c.action.id, c]));
  const completed: CompletedSend[] = [];
  const renewAfterMs = ((deps.stuckAfterMinutes ?? DEFAULT_STUCK_AFTER_MINUTES) * 60_000) / 4;
  for (const actionId of window) {
    const decision = decisions.get(actionId)!;
    if (decision.kind === 'skip') run.progress.skipped += 1;
    else if (decision.kind === 'fail') run.progress.failures.push({ actionId, error: decision.error });
    else {
      await waitForLane(run.lanes, run.laneOf.get(actionId) ?? null);
      // A slow window (a mail server timing out) keeps its claims from looking stuck to the recovery sweep; one
      // the sweep took meanwhile is Ready again, and is not sent by this batch.
      if (ctx.now().getTime() - claimedAt.getTime() > renewAfterMs) {
        claimedAt = ctx.now();
        const held = await renewClaims(
          ctx,
          [...unsent.values()].map((c) => ({ id: c.action.id, key: c.key })),
          claimedAt,
        );
        for (const id of unsent.keys()) if (!held.has(id)) unsent.delete(id);
      }
      const claim = unsent.get(actionId);
      unsent.delete(actionId);
      const outcome = claim
        ? await sendOne(run, claim, links.get(actionId))
        : {
            ok: false as const,
            error: `"${decision.claim.action.name}" was not sent: the sends before it took so long that its claim ran out; execute it again.`,
          };
      if (outcome.ok) {
        completed.push(outcome.sent);
        run.progress.sent += 1;
      } else {
        run.progress.failures.push({ actionId, error: outcome.error });
      }
    }
    await report(run);
  }

  await finishWindow(run, completed);
}

async function report(run: BatchRun): Promise<void> {
  run.progress.done += 1;
  await run.onProgress?.({ ...run.progress, failures: [...run.progress.failures] });
}

/** The checks of executeAction for every action of the window, from one read of each thing they need. */
async function decide(run: BatchRun, window: string[]): Promise<Map<string, Decision>> {
  const { ctx, deps, o } = run;
  const decisions = new Map<string, Decision>();
  const actions = await loadActionsForExecution(ctx, o.organizationId, window);
  // Checked again for every window: a role changed during a long batch counts from the next window on.
  let refusals: Map<string, AppError>;
  try {
    const accounts = new Map([...actions.values()].map((a) => [a.accountId, a.account]));
    ({ refusals } = await authorizeAccountChanges(ctx.prisma, {
      organizationId: o.organizationId,
      actor: o.actor,
      accounts: [...accounts.values()],
      doing: 'execute actions',
    }));
  } catch (error) {
    for (const id of window) decisions.set(id, { kind: 'fail', error: messageOf(error) });
    return decisions;
  }
  const facts = await loadSendFacts(ctx, o.organizationId, [...actions.values()]);
  const now = ctx.now();
  for (const id of window) {
    const action = actions.get(id);
    const refusal = action && refusals.get(action.accountId);
    if (!action) decisions.set(id, { kind: 'fail', error: 'that action does not exist (any more)' });
    else if (refusal) decisions.set(id, { kind: 'fail', error: refusal.message });
    else if (action.status === 'executing' || action.status === 'executed' || action.status === 'completed')
      decisions.set(id, { kind: 'skip' });
    else {
      try {
        const claim = prepareSend(action, deps, facts, { actorUserId: o.actor.userId, overrideLint: false, now });
        decisions.set(id, { kind: 'send', claim });
      } catch (error) {
        decisions.set(id, { kind: 'fail', error: messageOf(error) });
      }
    }
  }
  return decisions;
}

/**
 * The portal links the window's messages carry, minted together right after the claim (each is still minted at
 * send time, not kept in a draft). A link that could not be minted fails its send only. Without createMany,
 * nothing is minted here and each send mints its own.
 */
async function mintLinks(run: BatchRun, claimed: PreparedSend[]): Promise<Map<string, string | Error>> {
  const links = new Map<string, string | Error>();
  const createMany = run.deps.portalLinks?.createMany;
  const needing = claimed.filter((c) => c.plan.needsPortalLink && c.plan.recipient);
  if (!createMany || needing.length === 0) return links;
  const minted = await createMany(
    needing.map((c) => ({
      accountId: c.action.accountId,
      contactEmail: c.plan.recipient!.email,
      actor: run.o.actor.userId,
    })),
  ).catch((error: unknown) => needing.map(() => (error instanceof Error ? error : new Error(String(error)))));
  needing.forEach((c, i) => {
    const m = minted[i] ?? new Error('no portal link was minted');
    links.set(c.action.id, m instanceof Error ? m : m.url);
  });
  return links;
}

/** One send of a claimed action; a failure returns it to Ready with its error, as executeAction does. */
async function sendOne(
  run: BatchRun,
  claim: PreparedSend,
  link: string | Error | undefined,
): Promise<{ ok: true; sent: CompletedSend } | { ok: false; error: string }> {
  const { ctx, deps, o } = run;
  const { action, plan, record } = claim;
  try {
    await deps.afterClaim?.(action.id);
  } catch (error) {
    // The test seam's "process died here": the action stays executing, as after a crash.
    return { ok: false, error: messageOf(error) };
  }
  try {
    if (link instanceof Error) throw link;
    const outcome = await performSend(deps, action, plan, {
      messageId: record.messageId,
      clientMsgId: record.clientMsgId,
      actor: o.actor.userId,
      portalUrl: link,
    });
    await deps.afterSend?.(action.id);
    return {
      ok: true,
      sent: { prepared: claim, record: { ...record, state: 'sent', sentAt: ctx.now().toISOString(), ...outcome } },
    };
  } catch (error) {
    const message = messageOf(error, 'the send failed');
    await returnToReady(ctx, claim, message, o.actor.userId);
    await notifyQuietly(ctx, deps, action.id, action.accountId);
    return { ok: false, error: message };
  } finally {
    const lane = run.laneOf.get(action.id);
    if (lane) run.lanes.lastSendAt.set(lane, performance.now());
  }
}

/**
 * The window's sends recorded in one transaction, then the review cards and each account's App Home refreshed
 * once. If the record cannot be written, the messages have still left: they are reported as failures that say
 * so (not Ready again, so a Retry cannot send them twice; the recovery sweep resolves them).
 */
async function finishWindow(run: BatchRun, completed: CompletedSend[]): Promise<void> {
  const { ctx, deps, o, progress } = run;
  if (completed.length === 0) return;
  try {
    await recordSends(ctx, completed, o.actor.userId);
  } catch (error) {
    ctx.logger.error({ err: error }, 'sent messages could not be recorded as executed');
    progress.sent -= completed.length;
    for (const c of completed) {
      progress.failures.push({
        actionId: c.prepared.action.id,
        error: `sent, but Thread could not record it (${messageOf(error)}); do not send it again — it will show as possibly sent.`,
      });
    }
    await run.onProgress?.({ ...progress, failures: [...progress.failures] });
    return;
  }
  const accountIds = new Set<string>();
  for (const c of completed) {
    try {
      await deps.notifier.actionChanged(c.prepared.action.id);
    } catch (error) {
      ctx.logger.warn({ actionId: c.prepared.action.id, err: error }, 'could not refresh the review card after a send');
    }
    accountIds.add(c.prepared.action.accountId);
    if (c.prepared.plan.channel === 'portal') await postInCustomerChannel(ctx, deps, c.prepared.action.id);
  }
  for (const accountId of accountIds) {
    try {
      await deps.notifier.accountChanged(accountId);
    } catch (error) {
      ctx.logger.warn({ accountId, err: error }, 'could not refresh the App Home after a batch');
    }
  }
}

function messageOf(error: unknown, fallback = 'failed'): string {
  return isAppError(error) ? error.message : error instanceof Error ? error.message : fallback;
}
