/**
 * Opens Thread's database: any PostgreSQL through DATABASE_URL, or the embedded PGlite under the data
 * directory. Both are reached through the same driver (pg + @prisma/adapter-pg), so one schema, one migration
 * history and one set of queries serve both.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/client';
import { openEmbeddedDatabase, type EmbeddedDatabase } from './embedded';
import { applyMigrations } from './migrate';

export type Prisma = PrismaClient;
export type DatabaseKind = 'postgres' | 'embedded';

export interface Database {
  prisma: PrismaClient;
  /** The raw driver, for the few places that need plain SQL (health checks, benchmarks' baselines). */
  pool: pg.Pool;
  kind: DatabaseKind;
  connection: pg.PoolConfig;
  /** Migrations applied while opening (empty when up to date or when not asked to migrate). */
  appliedMigrations: string[];
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  databaseUrl?: string;
  /** THREAD_DATA_DIR; `memory://` for a throwaway embedded database. */
  dataDir: string;
  migrate: boolean;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  let embedded: EmbeddedDatabase | undefined;
  let connection: pg.PoolConfig;
  if (options.databaseUrl) {
    connection = { connectionString: options.databaseUrl, max: options.poolSize ?? 10 };
  } else {
    embedded = await openEmbeddedDatabase(options.dataDir);
    // PGlite runs one statement at a time; one connection keeps each transaction's messages together.
    connection = { ...embedded.connection, max: 1 };
  }
  try {
    const appliedMigrations = options.migrate ? await applyMigrations(connection) : [];
    const pool = new pg.Pool(connection);
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    return {
      prisma,
      pool,
      kind: embedded ? 'embedded' : 'postgres',
      connection,
      appliedMigrations,
      async close() {
        await prisma.$disconnect();
        await pool.end().catch(() => {});
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
