/**
 * Thread's scheduler as the server runs it: the tick (THREAD_TICK_CRON, every minute by default), the recovery sweep
 * where execution is wired, and the HubSpot write-back (every minute) where HubSpot can be connected, each guarded
 * by its cross-process lease so several Thread processes on one database take turns.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { ServiceContext } from '../services/context';
import { acquireJobLease } from '../services/scheduler/acquire-job-lease';
import { TICK_JOB_ID } from '../services/scheduler/tick-job-id';
import { releaseJobLease } from '../services/scheduler/release-job-lease';
import { runTick, type TickDeps } from '../services/scheduler/run-tick';
import type { ExecutionDeps } from '../services/execution/ports';
import type { HubSpotWriteBackDeps } from '../services/hubspot/write-back/write-back-deps';
import { hubspotWriteBackJob } from './hubspot-write-back-job';
import type { HubSpotDeps } from '../services/hubspot/hubspot-deps';
import { hubspotSyncJob } from './hubspot-sync-job';
import type { Job } from './job';
import { recoverStuckExecutionsJob } from './recover-stuck-executions-job';
import { createScheduler, type JobLeases, type Scheduler } from './scheduler';

export { TICK_JOB_ID } from '../services/scheduler/tick-job-id';
/** Longer than any tick should take; a process that dies mid-tick blocks the others for at most this long. */
export const LEASE_TTL_MS = 5 * 60_000;

export function tickJob(ctx: ServiceContext, deps: TickDeps, schedule: string): Job {
  return {
    id: TICK_JOB_ID,
    schedule,
    run: async () => {
      const report = await runTick(ctx, deps);
      ctx.logger.info(
        {
          fired: report.fire?.fired.length ?? 0,
          held: report.fire?.held.length ?? 0,
          more: report.fire?.more ?? false,
          reminded: report.submissionClocks?.reminded.length ?? 0,
          remindersHeld: report.submissionClocks?.held.length ?? 0,
          escalated: report.submissionClocks?.escalated.length ?? 0,
          portalReminders: report.portalReminders?.sent.length ?? 0,
          digests: report.digests?.sent.length ?? 0,
          riskSuggested: report.atRisk?.suggested.length ?? 0,
          errors: report.errors,
          stepMs: report.stepMs,
        },
        'scheduler tick',
      );
      return report;
    },
  };
}

export function databaseLeases(
  ctx: ServiceContext,
  holder = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
): JobLeases {
  return {
    acquire: (jobId) => acquireJobLease(ctx, { name: jobId, holder, ttlMs: LEASE_TTL_MS }),
    release: (jobId) => releaseJobLease(ctx, { name: jobId, holder }),
  };
}

export function createThreadScheduler(options: {
  ctx: ServiceContext;
  deps: TickDeps;
  tickCron: string;
  executionDeps?: () => ExecutionDeps;
  /** The HubSpot write-back (every minute) where HubSpot can be connected. */
  hubspotWriteBack?: HubSpotWriteBackDeps;
  /** With HubSpot composed, the 15-minute HubSpot sync runs too. */
  hubspot?: HubSpotDeps;
}): Scheduler {
  return createScheduler({
    // The recovery sweep (every 5 minutes) runs where execution is wired: sends left half-way go back to Ready;
    // the HubSpot sync (every 15 minutes) where HubSpot is.
    jobs: [
      tickJob(options.ctx, options.deps, options.tickCron),
      ...(options.executionDeps ? [recoverStuckExecutionsJob(options.ctx, options.executionDeps)] : []),
      // The write-back keeps the tick's cadence: HubSpot hears of a change about when Slack does.
      ...(options.hubspotWriteBack
        ? [hubspotWriteBackJob(options.ctx, options.hubspotWriteBack, options.tickCron)]
        : []),
      ...(options.hubspot ? [hubspotSyncJob(options.ctx, options.hubspot)] : []),
    ],
    logger: options.ctx.logger,
    leases: databaseLeases(options.ctx),
    clock: options.ctx.now,
  });
}
