import type { PrismaClient } from '../db/generated/client';
import type { Logger } from '../lib/logger';
import type { ChangeFeed } from './change-feed';

/**
 * What every service needs from the outside. Time comes from `now()` so services (and the domain below them)
 * never read the clock themselves: tests and the scheduler's catch-up pass the time they mean.
 */
export interface ServiceContext {
  prisma: PrismaClient;
  now: () => Date;
  logger: Logger;
  /** Told of committed changes to people and settings, for the caches of this process (none in scripts and tests). */
  changes?: ChangeFeed;
}

/** A Prisma transaction client: what `prisma.$transaction(async (tx) => …)` hands to its callback. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** Who did something, as the audit trail records it: a user id, or "system", "cli", "customer:<contact id>". */
export type Actor = string;
