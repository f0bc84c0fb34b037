/**
 * Starts and stops Thread: database (migrated), HTTP server, and what hangs off them. main.ts calls it with the
 * real environment; tests call it with their own configuration and port 0.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config';
import { openDatabase, type Database } from './db/client';
import { createHttpApp } from './http/app';
import type { Logger } from './lib/logger';

export interface RunningThread {
  db: Database;
  server: Server;
  port: number;
  stop(): Promise<void>;
}

export async function startThread(config: Config, logger: Logger): Promise<RunningThread> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, migrate: true });
  logger.info(
    { database: db.kind, applied: db.appliedMigrations },
    db.appliedMigrations.length > 0 ? `database migrated (${db.appliedMigrations.length} applied)` : 'database up to date',
  );
  if (!config.slack) {
    logger.info(`Slack is off: ${config.slackOffReason}. Set both (and create the app from manifest.json) to turn it on.`);
  }

  const app = createHttpApp({
    logger,
    readiness: { checkDatabase: async () => void (await db.pool.query('SELECT 1')) },
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, () => resolve(s));
    s.once('error', reject);
  }).catch(async (error) => {
    await db.close();
    throw error;
  });
  const port = (server.address() as AddressInfo).port;
  logger.info({ port, url: config.publicUrl }, 'Thread is listening');

  let stopping: Promise<void> | undefined;
  return {
    db,
    server,
    port,
    stop() {
      stopping ??= (async () => {
        // Stop taking requests, let the ones in flight finish, then close the database.
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await db.close();
      })();
      return stopping;
    },
  };
}
