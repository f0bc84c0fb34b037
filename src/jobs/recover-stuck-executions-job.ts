import type { ServiceContext } from '../services/context';
import { recoverStuckExecutions } from '../services/execution/recover-stuck-executions';
import type { ExecutionDeps } from '../services/execution/ports';
import type { Job } from './job';

/**
 * Every five minutes: sends left half-way by a stopped process go back to Ready with a "may have been sent"
 * warning (never resent by themselves; see the service). Safe on many processes: each row is resolved by a
 * conditional update.
 */
export function recoverStuckExecutionsJob(ctx: ServiceContext, getDeps: () => ExecutionDeps): Job {
  return {
    id: 'recover-stuck-executions',
    schedule: '*/5 * * * *',
    run: (startedAt) => recoverStuckExecutions({ ...ctx, now: () => startedAt }, getDeps()),
  };
}
