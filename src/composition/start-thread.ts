/**
 * Starts and stops Thread: the database (migrated), the parts compose-thread.ts builds, and what only the server
 * has: the HTTP server (Slack endpoint, portal, health), Socket Mode, and the scheduler's clock. main.ts calls it
 * with the real environment; tests call it with their own configuration and port 0.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_PORTAL_UPLOAD_EXTENSIONS, type Config } from '../config';
import { createFileStorage } from '../connectors/storage/create-file-storage';
import { openDatabase, type Database } from '../db/client';
import { resolveEncryptionKey } from '../db/encryption-key';
import { createHttpApp } from '../http/app';
import type { FirstRunStatus } from '../http/first-run/first-run-status';
import { createFirstRunRouter } from '../http/first-run/first-run-router';
import { createAnalyticsRouter } from '../http/analytics/analytics-router';
import { createVegaChartRenderer } from '../connectors/charts/vega-chart-renderer';
import { analyticsSigningKey } from '../services/analytics/analytics-links';
import type { ChartRenderer } from '../services/analytics/chart-renderer-port';
import { createHandoffRouter } from '../http/handoff/router';
import { checkHandoffHook } from './handoff-check-ports';
import { createHubSpotWriteBackDeps } from './hubspot-wiring';
import { createPortalRouter } from '../http/portal/router';
import { createHubSpotWebhookRouter } from '../http/webhooks/hubspot-webhook-router';
import { createThreadScheduler } from '../jobs/thread-scheduler';
import type { Logger } from '../lib/logger';
import { createWorkQueue } from '../lib/work-queue';
import { recoverStuckExecutions } from '../services/execution/recover-stuck-executions';
import { portalSigningKey } from '../services/portal/portal-signing-key';
import { composeThread } from './compose-thread';
import { loadSlackManifest } from './load-manifest';

export interface RunningThread {
  db: Database;
  server: Server;
  port: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  /**
   * What the services and the scheduler's ticks take as now (the cron itself keeps wall time). Only tests pass one:
   * a journey plays weeks of an onboarding in minutes. Slack's request signatures are always checked on wall time.
   */
  clock?: () => Date;
}

export async function startThread(config: Config, logger: Logger, options: StartOptions = {}): Promise<RunningThread> {
  // The one encryption key, before the database opens so a data directory Thread cannot write fails first.
  const encryption = await resolveEncryptionKey({ configured: config.encryptionKey, dataDir: config.dataDir });
  if (config.databaseUrl && encryption.source !== 'environment') {
    logger.warn(
      `THREAD_ENCRYPTION_KEY is not set: this process uses the key in ${config.dataDir}. Set THREAD_ENCRYPTION_KEY ` +
        'before another process shares this database, or they will refuse each other’s portal forms and links.',
    );
  }
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

  if (config.slack?.oauth)
    logger.info(
      { installUrl: `${config.publicUrl}/slack/install` },
      'Slack OAuth installs are on: workspaces add Thread at /slack/install; each request uses its installation’s token',
    );

  // Slack in HTTP mode mounts Bolt's receiver (POST /slack/events) in the shared app; Socket Mode connects out.
  const thread = composeThread({
    config,
    db,
    logger,
    takesSlackRequests: true,
    clock: options.clock,
    encryptionKey: encryption.key,
  });
  const { ctx, slack } = thread;
  // Sends interrupted by an earlier stop (claimed, never marked sent) go back to Ready with a warning, never resent.
  await recoverStuckExecutions(ctx, thread.execution).catch((error) =>
    logger.error({ err: error }, 'recovering interrupted sends failed'),
  );
  await slack?.start();

  // Customer portal (magic links); tells the CSM through Slack when Slack is on.
  const portal = createPortalRouter({
    ctx,
    notifier: slack?.notifier,
    storage: createFileStorage({ dataDir: config.dataDir }),
    secret: portalSigningKey(encryption.key),
    publicUrl: config.publicUrl,
    uploads: config.portalUploads ?? { maxBytes: 25 * 1024 * 1024, extensions: [...DEFAULT_PORTAL_UPLOAD_EXTENSIONS] },
  });

  // The AE's handoff form (an AE without Thread access): the portal's security, the CSRF key derived the same way.
  const handoff = createHandoffRouter({
    ctx,
    notifier: slack?.notifier,
    secret: portalSigningKey(encryption.key),
    checkHandoff: checkHandoffHook(ctx, config),
  });
  // Analytics charts (fetched by Slack for image blocks) and CSV downloads, at signed expiring links.
  const analytics = createAnalyticsRouter({
    ctx,
    secret: analyticsSigningKey(encryption.key),
    renderer: createVegaChartRenderer() satisfies ChartRenderer,
  });
  // HubSpot webhooks are answered at once and worked through afterwards, a few at a time.
  const webhookWork = createWorkQueue({
    concurrency: 2,
    capacity: 500,
    onError: (error) => logger.error({ err: error }, 'HubSpot webhook processing failed'),
  });
  const hubspotWebhooks = thread.hubspot
    ? createHubSpotWebhookRouter({
        ctx,
        hubspot: thread.hubspot,
        publicUrl: config.publicUrl,
        queue: webhookWork,
        logger,
      })
    : undefined;

  const app = createHttpApp({
    logger,
    routers: [
      {
        path: '/',
        router: createFirstRunRouter({ status: firstRunStatus(config, db.kind), manifest: loadSlackManifest() }),
      },
      { path: '/portal', router: portal },
      { path: '/handoff', router: handoff },
      { path: '/analytics', router: analytics },
      ...(hubspotWebhooks ? [{ path: '/', router: hubspotWebhooks }] : []),
      ...(slack?.router ? [{ path: '/', router: slack.router }] : []),
    ],
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
    ctx,
    tickCron: config.tickCron,
    executionDeps: () => thread.execution,
    deps: thread.tick,
    hubspot: thread.hubspot,
    hubspotWriteBack: thread.hubspot
      ? createHubSpotWriteBackDeps(ctx, thread.hubspot, {
          publicUrl: config.publicUrl,
          secret: portalSigningKey(encryption.key),
        })
      : undefined,
  });
  scheduler.start();
  // The AI drafts the ticks queue (and any an earlier process left queued) are written off the tick, a few at once.
  thread.aiDrafts?.start();

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
        // Calls to the model in flight are cut short and their drafts given back to the queue for the next process.
        await thread.aiDrafts?.stop();
        await webhookWork.idle();
        // Replies, cards and Homes still being made after their acknowledgements need the database.
        await slack?.idle();
        await slack?.stop();
        thread.close();
        await db.close();
      })();
      return stopping;
    },
  };
}

/** What the first-run page may know: which parts are on, from the configuration, never a value. */
function firstRunStatus(config: Config, database: Database['kind']): FirstRunStatus {
  return {
    database,
    slack: !config.slack ? 'off' : config.slack.oauth ? 'oauth' : config.slack.appToken ? 'socket' : 'http',
    email: config.smtp !== undefined,
    ai: config.anthropic !== undefined,
    hubspot: {
      environment: Boolean(config.hubspot?.accessToken),
      webhooks: Boolean(config.hubspot?.accessToken && config.hubspot.clientSecret),
    },
    publicUrl: config.publicUrl,
  };
}
