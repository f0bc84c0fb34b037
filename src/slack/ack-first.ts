/**
 * Slack waits three seconds for an acknowledgement and then retries or shows the person an error; the reply that
 * follows (a list, a card, a Home) has no such clock. Node runs both on one thread, so under a burst the work after
 * one request's acknowledgement would delay the acknowledgements of the others. This scheduler puts acknowledgements
 * first: the work a listener does after `ack()` waits while any Slack request is still unacknowledged (or at most
 * `maxDeferMs`, so a steady stream of requests cannot starve it), and at most `concurrency` such continuations run
 * at once, so a burst cannot pile unbounded work onto the database either.
 *
 * It is wired in one place (prioritizeAcks): the `ack` Bolt hands to every listener is wrapped, so no listener
 * changes. Work before `ack()` is not deferred; listeners acknowledge first (DESIGN.md).
 */
import type { App } from '@slack/bolt';
import type { NextFunction, Request, Response } from 'express';

export interface AckFirstOptions {
  /** Post-acknowledgement continuations running at once. */
  concurrency: number;
  /** The longest a continuation waits for the acknowledgements in flight. */
  maxDeferMs: number;
  /**
   * How long no request must have been waiting before continuations start: in a burst, the next request is often
   * on its way as the last one is answered, and a continuation started in that gap would hold it up.
   */
  quietMs: number;
}

export const DEFAULT_ACK_FIRST: AckFirstOptions = { concurrency: 8, maxDeferMs: 250, quietMs: 2 };

interface Waiting {
  since: number;
  start: () => void;
}

export class AckFirstScheduler {
  private unacknowledged = 0;
  /** When the last unacknowledged request was answered. */
  private quietSince = 0;
  private running = 0;
  private readonly waiting: Waiting[] = [];
  private timer: NodeJS.Timeout | undefined;
  private pumpQueued = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: AckFirstOptions = DEFAULT_ACK_FIRST) {}

  /** A request has come in and is not acknowledged yet: call the returned function once it is (extra calls are no-ops). */
  arrived(): () => void {
    this.unacknowledged++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.unacknowledged--;
      if (this.unacknowledged === 0) {
        this.quietSince = performance.now();
        this.schedulePump();
      }
    };
  }

  /** Waits for a turn to do post-acknowledgement work; the returned function gives the turn back. */
  turn(): Promise<() => void> {
    return new Promise((resolve) => {
      this.waiting.push({
        since: performance.now(),
        start: () => {
          this.running++;
          let released = false;
          resolve(() => {
            if (released) return;
            released = true;
            this.running--;
            this.schedulePump();
            this.settleIdle();
          });
        },
      });
      this.schedulePump();
    });
  }

  /** Resolves once no continuation is running or waiting (a clean stop, and the bench between its rounds). */
  idle(): Promise<void> {
    if (this.running === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private settleIdle(): void {
    if (this.running > 0 || this.waiting.length > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Requests not yet acknowledged, continuations running and waiting (tests). */
  get state(): { unacknowledged: number; running: number; waiting: number } {
    return { unacknowledged: this.unacknowledged, running: this.running, waiting: this.waiting.length };
  }

  /**
   * One macrotask later rather than now: the bytes of a request that is already on its way are read first, so the
   * moment between one acknowledgement and the next request of a burst does not count as quiet.
   */
  private schedulePump(): void {
    if (this.pumpQueued) return;
    this.pumpQueued = true;
    setImmediate(() => {
      this.pumpQueued = false;
      this.pump();
    });
  }

  private pump(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.waiting.length > 0 && this.running < this.options.concurrency) {
      const oldest = this.waiting[0]!;
      const now = performance.now();
      const overdueIn = this.options.maxDeferMs - (now - oldest.since);
      const quietIn =
        this.unacknowledged > 0 ? Number.POSITIVE_INFINITY : this.options.quietMs - (now - this.quietSince);
      const waitMs = Math.min(overdueIn, quietIn);
      if (waitMs > 0) {
        this.timer = setTimeout(() => this.pump(), Math.ceil(waitMs));
        this.timer.unref();
        return;
      }
      this.waiting.shift();
      oldest.start();
    }
  }
}

/** Express middleware for Slack's endpoint: a request counts as unacknowledged from its arrival to its answer. */
export function countUnacknowledged(scheduler: AckFirstScheduler) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const answered = scheduler.arrived();
    res.once('finish', answered);
    res.once('close', answered);
    next();
  };
}

type ProcessEvent = App['processEvent'];
type ReceiverEvent = Parameters<ProcessEvent>[0];

/**
 * Wraps the App's entry point for every request (HTTP or Socket Mode): the request counts as unacknowledged until
 * its `ack`, and what the listener does after `await ack()` runs when the scheduler gives it a turn, which it keeps
 * until the request's processing ends.
 */
export function prioritizeAcks(app: App, scheduler: AckFirstScheduler): void {
  const processEvent: ProcessEvent = app.processEvent.bind(app);
  app.processEvent = async (event: ReceiverEvent) => {
    const acknowledged = scheduler.arrived();
    let turnAsked = false;
    let ended = false;
    let release: (() => void) | undefined;
    const ack: ReceiverEvent['ack'] = async (response) => {
      try {
        await event.ack(response);
      } finally {
        acknowledged();
      }
      if (turnAsked) return;
      turnAsked = true;
      const giveBack = await scheduler.turn();
      // A listener that did not await its ack may have finished already: the turn goes straight back.
      if (ended) giveBack();
      else release = giveBack;
    };
    try {
      await processEvent({ ...event, ack });
    } finally {
      ended = true;
      acknowledged();
      release?.();
    }
  };
}
