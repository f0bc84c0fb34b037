/**
 * Starts and stops Thread: database (migrated), HTTP server, and what hangs off them. main.ts calls it with the
 * real environment; tests call it with their own configuration and port 0.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_PORTAL_UPLOAD_EXTENSIONS, type Config } from './config';
import { openDatabase, type Database } from './db/client';
import { createHttpApp } from './http/app';
import { createPortalRouter } from './http/portal/router';
import { createFileStorage } from './connectors/storage/create-file-storage';
import { loadPortalSecret } from './services/portal/portal-secret';
import type { Logger } from './lib/logger';
import { createSlackApp, type SlackApp } from './slack/create-slack-app';
import { createExecutionDeps, draftHook, reviewWorkflows, type ExecutionWiring } from './execution-wiring';
import { createThreadScheduler } from './jobs/thread-scheduler';
import { recoverStuckExecutions } from './services/execution/recover-stuck-executions';
import { silentNotifier } from './services/notifications/notifier-port';

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
    db.appliedMigrations.length > 0
      ? `database migrated (${db.appliedMigrations.length} applied)`
      : 'database up to date',
  );
  if (!config.slack) {
    logger.info(
      `Slack is off: ${config.slackOffReason}. Set both (and create the app from manifest.json) to turn it on.`,
    );
  }

  // Slack: HTTP mode mounts Bolt's receiver (POST /slack/events) in the shared app; Socket Mode connects out.
  // Drafting and execution ports; the Slack buttons reach them lazily because the notifier comes from the Slack app.
  const executionCtx = { prisma: db.prisma, now: () => new Date(), logger };
  // Assigned once below; the Slack buttons only call it after start-up.
  const executionRef: { current?: ExecutionWiring } = {};
  const getExecutionDeps = () => executionRef.current!.deps;
  const slack: SlackApp | undefined = config.slack
    ? createSlackApp({
        config: config.slack,
        ctx: { prisma: db.prisma, now: () => new Date(), logger },
        logger,
        publicUrl: config.publicUrl,
        workflows: reviewWorkflows(executionCtx, getExecutionDeps),
      })
    : undefined;
  const execution = createExecutionDeps({ config, ctx: executionCtx, notifier: slack?.notifier ?? silentNotifier });
  executionRef.current = execution;
  // Sends interrupted by an earlier stop (claimed, never marked sent) go back to Ready with a warning, never resent.
  await recoverStuckExecutions(executionCtx, execution.deps).catch((error) =>
    logger.error({ err: error }, 'recovering interrupted sends failed'),
  );
  await slack?.start();

  // Customer portal (magic links); tells the CSM through Slack when Slack is on.
  const portal = createPortalRouter({
    ctx: { prisma: db.prisma, now: () => new Date(), logger },
    notifier: slack?.notifier,
    storage: createFileStorage({ dataDir: config.dataDir }),
    secret: await loadPortalSecret({ encryptionKey: config.encryptionKey, dataDir: config.dataDir }),
    publicUrl: config.publicUrl,
    uploads: config.portalUploads ?? { maxBytes: 25 * 1024 * 1024, extensions: [...DEFAULT_PORTAL_UPLOAD_EXTENSIONS] },
  });

  const app = createHttpApp({
    logger,
    routers: [{ path: '/portal', router: portal }, ...(slack?.router ? [{ path: '/', router: slack.router }] : [])],
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

  // Scheduler ticks (THREAD_TICK_CRON): due actions, review clocks, digests, at-risk suggestions.
  const scheduler = createThreadScheduler({
    ctx: executionCtx,
    tickCron: config.tickCron,
    executionDeps: getExecutionDeps,
    deps: {
      notifier: slack?.notifier ?? silentNotifier,
      canNotify: slack !== undefined,
      draft: draftHook(executionCtx, getExecutionDeps),
      mailer: execution.deps.mailer,
      portalLinks: execution.deps.portalLinks,
    },
  });
  scheduler.start();

  let stopping: Promise<void> | undefined;
  return {
    db,
    server,
    port,
    stop() {
      stopping ??= (async () => {
        // Stop taking requests, let the ones in flight finish, then close the database.
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await scheduler.stop();
        await slack?.stop();
        execution.close();
        await db.close();
      })();
      return stopping;
    },
  };
}
