/**
 * The AI draft pool: a bounded set of workers that write the AI drafts the tick queued (Action.aiDraftWantedAt),
 * off the tick, so a slow or failing model never holds one. The queue is the database itself, so it survives
 * restarts and is shared by every Thread process: a worker claims a draft (claimAiDrafts: FOR UPDATE SKIP LOCKED,
 * with a lease), calls the model once (runAiDraft), and stores the draft over the template's, drops it when a person
 * acted first, gives it back to be retried, or gives it up with a note on the card.
 *
 * - At most `concurrency` calls to the model at once in this process (THREAD_AI_DRAFT_CONCURRENCY).
 * - Rate limits: a 429 or 529 pauses the whole pool for the Retry-After the API gave (else 1 s, 2 s, 4 s…), so the
 *   other workers stop knocking too; the draft is given back to the queue until then. Tries are bounded per draft.
 * - Woken by the tick that queued work; polls every `pollMs` for work queued elsewhere (another process, a
 *   `thread tick`) or left behind by a process that died (its leases expire).
 * - `stop()` aborts the calls in flight and gives their drafts back, so the next process starts them again at once.
 */
import { DEFAULT_AI_DRAFT_CONCURRENCY } from '../config';
import type { ServiceContext } from '../services/context';
import type { AiDraftQueue } from '../services/drafting/ai-drafts/ai-draft-queue-port';
import { claimAiDrafts, type AiDraftClaim } from '../services/drafting/ai-drafts/claim-ai-drafts';
import { listQueuedAiDrafts } from '../services/drafting/ai-drafts/list-queued-ai-drafts';
import { runAiDraft, type AiDraftDeps, type AiDraftOutcome } from '../services/drafting/ai-drafts/run-ai-draft';

/** Longer than one call to the model can take (the drafter's timeout is 60 s), so a live worker keeps its claim. */
export const AI_DRAFT_LEASE_MS = 3 * 60_000;
export const AI_DRAFT_POLL_MS = 30_000;
/** Claims per queued draft before it is given up: the first try and three retries. */
export const AI_DRAFT_MAX_ATTEMPTS = 4;

export interface AiDraftPoolOptions {
  ctx: ServiceContext;
  deps: AiDraftDeps;
  concurrency?: number;
  leaseMs?: number;
  pollMs?: number;
  maxAttempts?: number;
  /**
   * Wall time in milliseconds, for the pause a 429 asks for (the drafts' retry times are the service context's
   * clock). Date.now unless a test holds the time.
   */
  wallClock?: () => number;
}

export interface AiDraftPoolStats {
  /** Calls to the model running now, and the most ever running at once. */
  running: number;
  peak: number;
  stored: number;
  dropped: number;
  givenUp: number;
  retried: number;
  /** Pauses of the whole pool after a 429 or 529. */
  throttled: number;
}

export interface AiDraftPool extends AiDraftQueue {
  /** Starts claiming: the queue as the database holds it (work left by an earlier process included), then as woken. */
  start(): void;
  /**
   * Resolves once none of `actionIds` waits for its AI draft any more (and this pool is done with their cards), or
   * when `timeoutMs` has passed; answers the ones still waiting. `thread tick` waits for its own tick's drafts so.
   */
  settle(actionIds: readonly string[], timeoutMs: number): Promise<string[]>;
  /** Resolves once no claim and no call to the model is under way (tests, and the end of stop()). */
  idle(): Promise<void>;
  /** Milliseconds the pool still waits, as a 429 or 529 asked; 0 when it is not paused. */
  pausedForMs(): number;
  /** Stops claiming, aborts the calls in flight and gives their drafts back to the queue. */
  stop(): Promise<void>;
  readonly stats: Readonly<AiDraftPoolStats>;
}

export function createAiDraftPool(options: AiDraftPoolOptions): AiDraftPool {
  const { ctx, deps } = options;
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_AI_DRAFT_CONCURRENCY);
  const leaseMs = options.leaseMs ?? AI_DRAFT_LEASE_MS;
  const pollMs = options.pollMs ?? AI_DRAFT_POLL_MS;
  const maxAttempts = options.maxAttempts ?? AI_DRAFT_MAX_ATTEMPTS;
  const wallClock = options.wallClock ?? Date.now;

  const stats: AiDraftPoolStats = { running: 0, peak: 0, stored: 0, dropped: 0, givenUp: 0, retried: 0, throttled: 0 };
  /** The calls to the model under way, by action, each with what cuts it short. */
  const inFlight = new Map<string, AbortController>();
  /** Called whenever a draft finishes or a claim ends (settle() and idle() look again then). */
  const finished = new Set<() => void>();
  const changed = () => {
    for (const listener of [...finished]) listener();
  };
  let started = false;
  let stopped = false;
  let claiming = false;
  let claimAgain = false;
  /** Wall time until which nothing is claimed: the API asked everyone to wait. */
  let pausedUntil = 0;
  let poll: NodeJS.Timeout | undefined;
  let wakeTimer: NodeJS.Timeout | undefined;
  let wakeAt = Number.POSITIVE_INFINITY;

  /** Claims again in `ms` (the earliest such request wins). */
  function wakeIn(ms: number): void {
    const at = wallClock() + ms;
    if (wakeTimer && at >= wakeAt) return;
    if (wakeTimer) clearTimeout(wakeTimer);
    wakeAt = at;
    wakeTimer = setTimeout(() => {
      wakeTimer = undefined;
      wakeAt = Number.POSITIVE_INFINITY;
      fill();
    }, ms);
    wakeTimer.unref();
  }

  function fill(): void {
    if (!started || stopped) return;
    const pause = pausedUntil - wallClock();
    if (pause > 0) return wakeIn(pause);
    const free = concurrency - inFlight.size;
    if (free <= 0) return;
    if (claiming) {
      claimAgain = true;
      return;
    }
    claiming = true;
    void claimAiDrafts(ctx, { limit: Math.min(free, 100), leaseMs })
      .catch((error: unknown): AiDraftClaim[] => {
        ctx.logger.error({ err: error }, 'claiming AI drafts failed; the next poll tries again');
        return [];
      })
      .then((claims) => {
        claiming = false;
        for (const claim of claims) begin(claim);
        // A full claim may have left more behind; a request that came in while claiming is honoured now.
        if (claims.length === free || claimAgain) {
          claimAgain = false;
          fill();
        }
        changed();
      });
  }

  function begin(claim: AiDraftClaim): void {
    const abort = new AbortController();
    // Claimed just as the pool stopped: the call is cut short at once and the draft given straight back.
    if (stopped) abort.abort();
    inFlight.set(claim.actionId, abort);
    stats.running = inFlight.size;
    stats.peak = Math.max(stats.peak, stats.running);
    void runAiDraft(ctx, deps, { claim, maxAttempts, signal: abort.signal })
      .then(count)
      .catch((error: unknown) => {
        // The database failed under it: the lease expires and another worker takes the draft again.
        ctx.logger.error({ err: error, actionId: claim.actionId }, 'an AI draft failed unexpectedly');
      })
      .finally(() => {
        inFlight.delete(claim.actionId);
        stats.running = inFlight.size;
        fill();
        changed();
      });
  }

  function count(outcome: AiDraftOutcome): void {
    switch (outcome.kind) {
      case 'stored':
        stats.stored += 1;
        return;
      case 'dropped':
        stats.dropped += 1;
        return;
      case 'given_up':
        stats.givenUp += 1;
        return;
      case 'retry':
        stats.retried += 1;
        if (outcome.throttled) {
          stats.throttled += 1;
          pausedUntil = Math.max(pausedUntil, wallClock() + outcome.afterMs);
        }
        // The draft is claimable again from then; look for it a moment after.
        wakeIn(outcome.afterMs + 25);
        return;
      case 'lost':
      case 'stopped':
        return;
    }
  }

  return {
    stats,
    start() {
      if (started) return;
      started = true;
      poll = setInterval(fill, pollMs);
      poll.unref();
      fill();
    },
    wake() {
      fill();
    },
    async settle(actionIds, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const waiting = await listQueuedAiDrafts(ctx, { actionIds: [...actionIds] });
        const left = deadline - Date.now();
        // Off the queue is not yet done here: a worker may still be refreshing the card of the draft it stored.
        const busy = actionIds.some((id) => inFlight.has(id));
        if ((waiting.length === 0 && !busy) || left <= 0 || stopped) return waiting;
        fill();
        // Until a draft finishes (or a retry is due, or the time is up); then look again.
        await new Promise<void>((resolve) => {
          const done = once(() => {
            clearTimeout(timer);
            resolve();
          });
          const timer = setTimeout(done, Math.min(left, 1000));
          finished.add(done);
        });
      }
    },
    async idle() {
      while (claiming || inFlight.size > 0) await new Promise<void>((resolve) => finished.add(once(resolve)));
    },
    pausedForMs() {
      return Math.max(0, pausedUntil - wallClock());
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (poll) clearInterval(poll);
      if (wakeTimer) clearTimeout(wakeTimer);
      for (const abort of inFlight.values()) abort.abort();
      await this.idle();
    },
  };

  /** A listener that removes itself from `finished` the first time it runs. */
  function once(callback: () => void): () => void {
    const listener = () => {
      finished.delete(listener);
      callback();
    };
    return listener;
  }
}
