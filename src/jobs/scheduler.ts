/**
 * Runs jobs on their cron schedules (node-cron) with two guards:
 *
 * - in this process, a run still going when the next one is due is skipped, not stacked;
 * - across processes, a run needs the job's lease (JobLease table), so several Thread processes on one
 *   PostgreSQL take turns instead of sweeping the same rows at once. The work itself is claimed atomically
 *   anyway (see services/scheduler/fire-due-actions.ts); the lease only saves the duplicate sweep.
 *
 * `trigger` is what a cron tick calls; tests and `thread tick` call it directly, so nothing waits on a clock.
 */
import { createTask, validate, type ScheduledTask } from 'node-cron';
import { AppError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import type { Job, JobRunOutcome } from './job';

export interface JobLeases {
  acquire(jobId: string): Promise<{ acquired: boolean; heldBy?: { holder: string; expiresAt: Date } }>;
  release(jobId: string): Promise<void>;
}

export interface SchedulerOptions {
  jobs: readonly Job[];
  logger: Logger;
  /** Without leases (one process only, e.g. tests) every due run goes ahead. */
  leases?: JobLeases;
  clock?: () => Date;
  /** Builds the timer for a job; node-cron's createTask by default. */
  createTask?: (
    expression: string,
    run: () => Promise<void>,
    options: { name: string },
  ) => Pick<ScheduledTask, 'start' | 'stop' | 'destroy'>;
}

export interface Scheduler {
  start(): void;
  /** Stops the timers and waits for runs in progress, so the database can be closed after it. */
  stop(): Promise<void>;
  trigger(jobId: string): Promise<JobRunOutcome>;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const clock = options.clock ?? (() => new Date());
  const jobs = new Map<string, Job>();
  for (const job of options.jobs) {
    if (jobs.has(job.id)) throw new AppError('internal', `two jobs have the id "${job.id}"`);
    if (!validate(job.schedule)) {
      throw new AppError(
        'config_invalid',
        `the schedule of job "${job.id}" is not a valid cron expression: "${job.schedule}" (THREAD_TICK_CRON for the tick)`,
      );
    }
    jobs.set(job.id, job);
  }
  const running = new Map<string, Promise<JobRunOutcome>>();
  const tasks: Pick<ScheduledTask, 'start' | 'stop' | 'destroy'>[] = [];
  let stopped = false;

  async function runGuarded(job: Job): Promise<JobRunOutcome> {
    if (options.leases) {
      const lease = await options.leases.acquire(job.id);
      if (!lease.acquired) {
        const by = lease.heldBy
          ? `${lease.heldBy.holder} until ${lease.heldBy.expiresAt.toISOString()}`
          : 'another process';
        return { status: 'skipped', jobId: job.id, reason: `running elsewhere (lease held by ${by})` };
      }
    }
    try {
      return { status: 'ran', jobId: job.id, result: await job.run(clock()) };
    } catch (error) {
      return { status: 'failed', jobId: job.id, error };
    } finally {
      if (options.leases)
        await options.leases
          .release(job.id)
          .catch((error) =>
            options.logger.warn({ err: error, job: job.id }, 'could not release a job lease; it will expire'),
          );
    }
  }

  async function trigger(jobId: string): Promise<JobRunOutcome> {
    const job = jobs.get(jobId);
    if (!job) throw new AppError('not_found', `no job with the id "${jobId}"`);
    if (running.has(jobId)) return { status: 'skipped', jobId, reason: 'the previous run is still going' };
    const run = runGuarded(job).catch((error: unknown): JobRunOutcome => ({ status: 'failed', jobId, error }));
    running.set(jobId, run);
    try {
      return await run;
    } finally {
      running.delete(jobId);
    }
  }

  async function onTick(jobId: string): Promise<void> {
    const outcome = await trigger(jobId);
    if (outcome.status === 'failed') options.logger.error({ job: jobId, err: outcome.error }, 'scheduled job failed');
    else if (outcome.status === 'skipped')
      options.logger.info({ job: jobId, reason: outcome.reason }, 'scheduled job skipped');
    else options.logger.debug({ job: jobId, result: outcome.result }, 'scheduled job ran');
  }

  return {
    start() {
      if (stopped) throw new AppError('internal', 'a stopped scheduler cannot be started again');
      if (tasks.length > 0) return;
      const make = options.createTask ?? ((expression, run, taskOptions) => createTask(expression, run, taskOptions));
      for (const job of jobs.values()) {
        const task = make(job.schedule, () => onTick(job.id), { name: job.id });
        void task.start();
        tasks.push(task);
      }
    },
    async stop() {
      stopped = true;
      for (const task of tasks.splice(0)) {
        await task.stop();
        await task.destroy();
      }
      await Promise.all([...running.values()]);
    },
    trigger,
  };
}
