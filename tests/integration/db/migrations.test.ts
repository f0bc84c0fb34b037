import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../../src/db/client';
import { diffMigrationsAgainstSchema, MIGRATIONS_DIR, SCHEMA_PATH } from '../../../src/db/migrate';
import { writeNextMigration } from '../../../src/db/migrate/write-migration';

describe('migrations', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'thread-migrations-'));
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('agree with the schema: replaying the history leaves nothing to add', async () => {
    expect(await diffMigrationsAgainstSchema()).toBe('');
  });

  it('notice a schema change that no migration covers', async () => {
    const schema = path.join(tmp, 'schema.prisma');
    const original = await readFile(SCHEMA_PATH, 'utf8');
    await writeFile(schema, original.replace('model Contact {', 'model Contact {\n  nickname String?'));
    const migrations = path.join(tmp, 'migrations');
    await cp(MIGRATIONS_DIR, migrations, { recursive: true });
    const sql = await diffMigrationsAgainstSchema(migrations, schema);
    expect(sql).toMatch(/ALTER TABLE "Contact" ADD COLUMN\s+"nickname" TEXT/);

    // db:migration writes that difference as the next migration, after which the two agree again.
    const written = await writeNextMigration({
      name: 'add_contact_nickname',
      now: new Date('2030-01-02T03:04:05Z'),
      migrationsDir: migrations,
      schemaPath: schema,
    });
    expect(written?.folder).toBe(path.join(migrations, '20300102030405_add_contact_nickname'));
    expect(await readFile(path.join(written!.folder, 'migration.sql'), 'utf8')).toMatch(/ADD COLUMN\s+"nickname"/);
    expect(await diffMigrationsAgainstSchema(migrations, schema)).toBe('');
    await expect(
      writeNextMigration({ name: 'Bad Name', now: new Date(), migrationsDir: migrations, schemaPath: schema }),
    ).rejects.toThrow(/lowercase letters, digits and underscores/);
  });

  it('are applied on opening a new embedded database and recorded as prisma migrate deploy records them', async () => {
    const dataDir = path.join(tmp, 'data');
    const first = await openDatabase({ dataDir, migrate: true });
    const { rows } = await first.pool.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
      rolled_back_at: Date | null;
    }>(
      'SELECT migration_name, checksum, finished_at, applied_steps_count, rolled_back_at FROM _prisma_migrations ORDER BY migration_name',
    );
    await first.close();
    expect(first.appliedMigrations.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.migration_name)).toEqual(first.appliedMigrations);
    for (const row of rows) {
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
      expect(row.rolled_back_at).toBeNull();
    }
    const again = await openDatabase({ dataDir, migrate: true });
    await again.close();
    expect(again.appliedMigrations).toEqual([]);
  });

  const serverUrl = process.env.TEST_DATABASE_URL;
  (serverUrl ? it : it.skip)('are applied to a real PostgreSQL database through DATABASE_URL', async () => {
    const name = `thread_migrate_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.query(`CREATE DATABASE "${name}"`);
    try {
      const url = new URL(serverUrl!);
      url.pathname = `/${name}`;
      const db = await openDatabase({ databaseUrl: url.toString(), dataDir: tmp, migrate: true });
      const tables = await db.pool.query(
        `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename = 'Action'`,
      );
      await db.close();
      expect(db.kind).toBe('postgres');
      expect(db.appliedMigrations.length).toBeGreaterThan(0);
      expect(tables.rows[0].n).toBe(1);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
      await admin.end();
    }
  });
});
