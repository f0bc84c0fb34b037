/**
 * Prisma clients for Thread processes racing on one database. On PostgreSQL (TEST_DATABASE_URL, CI) each has its
 * own pool and client, as separate processes would; the embedded database takes one connection, so there they all
 * share the test's client and the race interleaves at transaction boundaries.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../../src/db/generated/client';
import type { Database } from '../../src/db/client';
import { testDatabaseKind } from './test-database';

export interface RacingClient {
  prisma: PrismaClient;
  close(): Promise<void>;
}

export function racingClients(db: Pick<Database, 'prisma' | 'connection'>, count: number): RacingClient[] {
  if (testDatabaseKind() !== 'postgres')
    return Array.from({ length: count }, () => ({ prisma: db.prisma, close: async () => {} }));
  return Array.from({ length: count }, () => {
    const pool = new pg.Pool({ ...db.connection, max: 4 });
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    return { prisma, close: async () => (await prisma.$disconnect(), await pool.end()) };
  });
}
