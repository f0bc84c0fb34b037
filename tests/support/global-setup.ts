/**
 * Runs once before the suite: applies the migrations to a throwaway embedded database and keeps a dump of it,
 * and with TEST_DATABASE_URL, builds a migrated PostgreSQL template database. Test files clone these instead of
 * migrating again (creating and migrating a database takes seconds; cloning a snapshot a fraction of that).
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openEmbeddedDatabase } from '../../src/db/embedded';
import { applyMigrations } from '../../src/db/migrate';
import { SNAPSHOT_ENV, TEMPLATE_DB_ENV } from './test-database';

export default async function globalSetup(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'thread-test-'));
  process.env.THREAD_TEST_TMP = dir;

  const embedded = await openEmbeddedDatabase('memory://');
  try {
    await applyMigrations({ ...embedded.connection, max: 1 });
    const snapshot = path.join(dir, 'pglite-snapshot.tar');
    await embedded.dumpTo(snapshot);
    process.env[SNAPSHOT_ENV] = snapshot;
  } finally {
    await embedded.stop();
  }

  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const template = `thread_test_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${template}"`);
      await admin.query(`CREATE DATABASE "${template}"`);
    } finally {
      await admin.end();
    }
    const url = new URL(serverUrl);
    url.pathname = `/${template}`;
    await applyMigrations({ connectionString: url.toString(), max: 1 });
    process.env[TEMPLATE_DB_ENV] = template;
  }
}
