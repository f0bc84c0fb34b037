/**
 * A real database per test file: embedded PGlite by default, PostgreSQL when TEST_DATABASE_URL is set
 * (CI runs the suite both ways). Migrations are applied once in the global setup; each file starts from that
 * snapshot (a PGlite dump, or a PostgreSQL template database), and tests reset the tables between them.
 */
import { randomBytes } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { dropWhenIdle, withDatabase } from './postgres-databases';
import { PrismaClient } from '../../src/db/generated/client';
import type { Database } from '../../src/db/client';
import { openEmbeddedDatabase } from '../../src/db/embedded';

export const SNAPSHOT_ENV = 'THREAD_TEST_PGLITE_SNAPSHOT';
export const TEMPLATE_DB_ENV = 'THREAD_TEST_TEMPLATE_DB';

export function testDatabaseKind(): 'postgres' | 'embedded' {
  return process.env.TEST_DATABASE_URL ? 'postgres' : 'embedded';
}

/** Opens a fresh, migrated database for one test file. */
export async function openTestDatabase(): Promise<Database> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const template = process.env[TEMPLATE_DB_ENV];
    if (!template)
      throw new Error(`${TEMPLATE_DB_ENV} is not set: run the tests through jest (global setup creates it)`);
    const name = `thread_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    await admin.end();
    const connection: pg.PoolConfig = { connectionString: withDatabase(serverUrl, name), max: 10 };
    const pool = new pg.Pool(connection);
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    return {
      prisma,
      pool,
      kind: 'postgres',
      connection,
      appliedMigrations: [],
      async close() {
        await prisma.$disconnect();
        await pool.end();
        await dropWhenIdle(serverUrl, name);
      },
    };
  }
  const snapshot = process.env[SNAPSHOT_ENV];
  if (!snapshot) throw new Error(`${SNAPSHOT_ENV} is not set: run the tests through jest (global setup creates it)`);
  const embedded = await openEmbeddedDatabase('memory://', { loadDataDirPath: snapshot });
  const connection: pg.PoolConfig = { ...embedded.connection, max: 1 };
  const pool = new pg.Pool(connection);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    pool,
    kind: 'embedded',
    connection,
    appliedMigrations: [],
    async close() {
      await prisma.$disconnect();
      await pool.end();
      await embedded.stop();
    },
  };
}

/** Empties every table (the migration record aside), so each test starts from a clean, migrated database. */
export async function resetDatabase(db: Database): Promise<void> {
  const { rows } = await db.pool.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
  );
  if (rows.length === 0) return;
  await db.pool.query(`TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(', ')} CASCADE`);
}

/** jest hooks: one database for the file, emptied before each test. */
export function useTestDatabase(): { readonly db: Database } {
  const holder: { db?: Database } = {};
  beforeAll(async () => {
    holder.db = await openTestDatabase();
  });
  beforeEach(async () => {
    await resetDatabase(holder.db!);
  });
  afterAll(async () => {
    await holder.db?.close();
  });
  return {
    get db() {
      if (!holder.db) throw new Error('the test database is opened in beforeAll; use it inside tests');
      return holder.db;
    },
  };
}
