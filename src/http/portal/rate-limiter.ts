/**
 * Slows down token guessing: each client address may fail a limited number of times per window (a wrong,
 * expired or revoked link, a bad download signature); past that every portal request from it is refused until
 * the window ends. In memory, per process: a guesser spread over many processes still faces each one's limit,
 * and 256-bit tokens leave nothing to find anyway; this keeps the database from being used as an oracle.
 */
export interface FailureLimiterOptions {
  maxFailures: number;
  windowMs: number;
  now?: () => number;
  /** Bound on remembered addresses, so a flood of distinct ones cannot grow memory without end. */
  maxKeys?: number;
}

export class FailureLimiter {
  private readonly entries = new Map<string, { count: number; resetAt: number }>();
  private readonly now: () => number;
  private readonly maxKeys: number;

  constructor(private readonly options: FailureLimiterOptions) {
    this.now = options.now ?? Date.now;
    this.maxKeys = options.maxKeys ?? 50_000;
  }

  /** Seconds until the address may try again, or 0 when it is not blocked. */
  retryAfterSeconds(key: string): number {
    const entry = this.entries.get(key);
    if (!entry) return 0;
    const now = this.now();
    if (entry.resetAt <= now) {
      this.entries.delete(key);
      return 0;
    }
    return entry.count >= this.options.maxFailures ? Math.ceil((entry.resetAt - now) / 1000) : 0;
  }

  recordFailure(key: string): void {
    const now = this.now();
    const entry = this.entries.get(key);
    if (entry && entry.resetAt > now) {
      entry.count += 1;
      return;
    }
    if (this.entries.size >= this.maxKeys) this.prune(now);
    this.entries.set(key, { count: 1, resetAt: now + this.options.windowMs });
  }

  private prune(now: number): void {
    for (const [key, entry] of this.entries) if (entry.resetAt <= now) this.entries.delete(key);
    // Still full of live entries: forget the oldest rather than refuse to count new guessers.
    while (this.entries.size >= this.maxKeys) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }
}

/**
 * The limit on wrong or dead links from one address, shared by the portal and the AE's handoff form: 20 failures in
 * 15 minutes, then a wait.
 */
export function linkFailureLimiter(): FailureLimiter {
  return new FailureLimiter({ maxFailures: 20, windowMs: 15 * 60 * 1000 });
}
