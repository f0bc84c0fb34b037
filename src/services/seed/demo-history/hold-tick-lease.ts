/**
 * The demo's past year is played on a clock of its own while Thread may be running beside it. A scheduler tick on
 * the real clock would fire every past-due action of the accounts being played at today's time, out of the
 * story's order, so the player holds the tick's lease for as long as it plays: running Threads skip their ticks
 * meanwhile (as they do while another process ticks) and catch up once it is released.
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '../../../lib/errors';
import type { ServiceContext } from '../../context';
import { acquireJobLease } from '../../scheduler/acquire-job-lease';
import { releaseJobLease } from '../../scheduler/release-job-lease';
import { TICK_JOB_ID } from '../../scheduler/tick-job-id';

const TTL_MS = 2 * 60_000;
const WAIT_MS = 60_000;
const RETRY_MS = 500;

export interface HeldTickLease {
  /** Extends the lease; call it more often than every two minutes. */
  renew(): Promise<void>;
  release(): Promise<void>;
}

/** Waits (up to a minute) for a running tick to finish, then holds the tick's lease. */
export async function holdTickLease(ctx: ServiceContext): Promise<HeldTickLease> {
  const holder = `seed-demo:${process.pid}:${randomBytes(3).toString('hex')}`;
  const lease = { name: TICK_JOB_ID, holder, ttlMs: TTL_MS };
  const started = Date.now();
  while (!(await acquireJobLease(ctx, lease)).acquired) {
    if (Date.now() - started > WAIT_MS)
      throw new AppError(
        'conflict',
        'a scheduler tick has been running for over a minute; seed the demo again when it ends.',
      );
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
  return {
    renew: async () => {
      if (!(await acquireJobLease(ctx, lease)).acquired)
        throw new AppError('conflict', 'the scheduler took its tick back while the demo was being played; seed again.');
    },
    release: () => releaseJobLease(ctx, { name: TICK_JOB_ID, holder }),
  };
}
