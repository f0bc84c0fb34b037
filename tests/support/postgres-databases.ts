/**
 * Throwaway databases on the PostgreSQL server of TEST_DATABASE_URL (CI's second pass), created and dropped with
 * plain pg: no Thread code, so journeys can start Thread on an empty one as a deployment would.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Drops a test database once nothing uses it any more. Never WITH (FORCE): terminating a session that work
 * started by a test still holds would surface as an unhandled error in whichever test runs next. A database
 * still in use after a few tries is left behind on the throwaway server.
 */
export async function dropWhenIdle(serverUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    for (let attempt = 0; attempt < 10; attempt++) {
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
        return;
      } catch (error) {
        // 55006: the database is being accessed by other users.
        if ((error as { code?: string }).code !== '55006') throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  } finally {
    await admin.end();
  }
}

/** An empty database (no tables: Thread migrates it when it starts), or undefined when the tests run on PGlite. */
export async function createEmptyDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return undefined;
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return { url: withDatabase(serverUrl, name), drop: () => dropWhenIdle(serverUrl, name) };
}
