/**
 * Composition: Thread's parts are built here and only here, in the order the layers stack up: configuration and
 * database (handed in) → connectors → the services' ports → Slack. The server (start-thread.ts) and the command line
 * (cli/session.ts, `thread tick`) both call it, so a tick run by hand drafts, mails and links exactly as the
 * scheduler's does. HTTP, the portal and the scheduler's clock are the server's and hang off this in start-thread.ts.
 */
import type { Config } from '../config';
import { createImageProbe } from '../connectors/web/image-probe';
import type { Database } from '../db/client';
import type { Logger } from '../lib/logger';
import type { ServiceContext } from '../services/context';
import type { ExecutionDeps } from '../services/execution/ports';
import type { ImageProbe } from '../services/organizations/image-probe-port';
import { silentNotifier } from '../services/notifications/notifier-port';
import type { TickDeps } from '../services/scheduler/run-tick';
import { createSlackApp, type SlackApp } from '../slack/create-slack-app';
import { createExecutionDeps, draftHook, reviewWorkflows, type ExecutionWiring } from './execution-ports';

export interface ComposedThread {
  ctx: ServiceContext;
  /** Present when Slack is configured and the caller takes Slack requests (the server, not the command line). */
  slack?: SlackApp;
  /** Drafting and execution ports: drafter, mailer, Slack messenger, portal links, notifier. */
  execution: ExecutionDeps;
  /** What one scheduler tick runs with. */
  tick: TickDeps;
  /** Closes the connectors that hold connections (the SMTP pool). */
  close(): void;
}

/** How long the Settings modal lets a new logo URL take to answer (the command line allows the probe's 5 seconds). */
export const SLACK_LOGO_CHECK_MS = 2_000;

/** The context every service call gets: the database, the wall clock and the logger. */
export function serviceContext(db: Database, logger: Logger): ServiceContext {
  return { prisma: db.prisma, now: () => new Date(), logger };
}

export function composeThread(options: {
  config: Config;
  db: Database;
  logger: Logger;
  /** False for the command line: it has no Slack connection, so nothing it does notifies anyone. */
  withSlack: boolean;
}): ComposedThread {
  const { config, logger } = options;
  const ctx = serviceContext(options.db, logger);

  // The Slack buttons reach execution lazily: the notifier the execution ports hold comes from the Slack app itself.
  const late: { wiring?: ExecutionWiring } = {};
  const executionDeps = (): ExecutionDeps => {
    if (!late.wiring) throw new Error('a Slack button reached execution before Thread finished starting');
    return late.wiring.deps;
  };
  const slack =
    options.withSlack && config.slack
      ? createSlackApp({
          config: config.slack,
          ctx,
          logger,
          publicUrl: config.publicUrl,
          workflows: reviewWorkflows(ctx, executionDeps),
          // Slack waits 3 seconds for a modal's answer, database and channel check included: a logo address that
          // is slower than this is refused with that reason rather than leave Slack with no answer at all.
          imageProbe: createImageProbe({ timeoutMs: SLACK_LOGO_CHECK_MS }) satisfies ImageProbe,
        })
      : undefined;
  const notifier = slack?.notifier ?? silentNotifier;
  const built = createExecutionDeps({ config, ctx, notifier });
  late.wiring = built;

  return {
    ctx,
    slack,
    execution: built.deps,
    tick: {
      notifier,
      // Steps that only notify (submission clocks, digests) wait for a process that has Slack.
      canNotify: slack !== undefined,
      draft: draftHook(ctx, executionDeps),
      mailer: built.deps.mailer,
      portalLinks: built.deps.portalLinks,
    },
    close: () => built.close(),
  };
}
