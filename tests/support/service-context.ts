import type { Database } from '../../src/db/client';
import { silentLogger } from '../../src/lib/logger';
import type { ServiceContext } from '../../src/services/context';

/** A service context on the test database with a fixed clock (time never moves unless the test moves it). */
export function serviceContext(
  db: Database,
  now: Date | (() => Date) = new Date('2026-03-02T10:00:00Z'),
): ServiceContext {
  return { prisma: db.prisma, now: typeof now === 'function' ? now : () => now, logger: silentLogger };
}
