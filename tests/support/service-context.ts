/** The service context every service test uses: the test database, a silent logger, and a clock the test holds. */
import type { PrismaClient } from '../../src/db/generated/client';
import { silentLogger } from '../../src/lib/logger';
import { createChangeFeed } from '../../src/services/change-feed';
import type { ServiceContext } from '../../src/services/context';

export const DEFAULT_NOW = new Date('2026-03-02T10:00:00Z');

export interface TestServiceContext extends ServiceContext {
  /** Moves the clock to this instant; time never moves unless the test moves it. */
  setNow(at: Date | string): void;
  /** Moves the clock forward by `ms`. */
  advance(ms: number): void;
}

/** `db` is the test database (or any Prisma client, e.g. one of several racing processes). */
export function serviceContext(db: { prisma: PrismaClient }, at: Date | string = DEFAULT_NOW): TestServiceContext {
  let now = new Date(at);
  return {
    prisma: db.prisma,
    logger: silentLogger,
    // As the server has it: the Slack layer's cache of who people are hears the changes services make.
    changes: createChangeFeed(),
    now: () => new Date(now.getTime()),
    setNow(next) {
      now = new Date(next);
    },
    advance(ms) {
      now = new Date(now.getTime() + ms);
    },
  };
}
