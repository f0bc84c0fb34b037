import { rm } from 'node:fs/promises';
import pg from 'pg';
import { TEMPLATE_DB_ENV } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const template = process.env[TEMPLATE_DB_ENV];
  if (process.env.TEST_DATABASE_URL && template) {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await admin.end();
  }
  if (process.env.THREAD_TEST_TMP) await rm(process.env.THREAD_TEST_TMP, { recursive: true, force: true });
}
