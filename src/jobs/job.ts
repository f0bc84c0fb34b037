/** A periodic job: what the scheduler runs, on which cron schedule. `run` gets the time the run started. */
export interface Job {
  /** Stable id; also the name of its cross-process lease. */
  id: string;
  /** Cron expression (node-cron syntax, 5 or 6 fields). */
  schedule: string;
  run(startedAt: Date): Promise<unknown>;
}

export type JobRunOutcome =
  | { status: 'ran'; jobId: string; result: unknown }
  | { status: 'skipped'; jobId: string; reason: string }
  | { status: 'failed'; jobId: string; error: unknown };
