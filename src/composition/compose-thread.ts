/**
 * Composition: Thread's parts are built here and only here, in the order the layers stack up: configuration and
 * database (handed in) → connectors → the services' ports → Slack. The server (start-thread.ts) and the command line
 * (`thread tick`) both call it, so a tick run by hand drafts, mails, links and posts to Slack exactly as the
 * scheduler's does: with Slack configured, the command line gets the same Slack notifier on its own Web API client,
 * only without the Bolt app (it takes no Slack requests). HTTP, the portal and the scheduler's clock are the server's
 * and hang off this in start-thread.ts.
 */
import type { Config } from '../config';
import { createImageProbe } from '../connectors/web/image-probe';
import type { Database } from '../db/client';
import type { Logger } from '../lib/logger';
import { analyticsSigningKey } from '../services/analytics/analytics-links';
import type { ServiceContext } from '../services/context';
import type { ExecutionDeps } from '../services/execution/ports';
import { openHandoff } from '../services/handoff/open-handoff';
import type { HubSpotDeps } from '../services/hubspot/hubspot-deps';
import type { ImageProbe } from '../services/organizations/image-probe-port';
import { silentNotifier } from '../services/notifications/notifier-port';
import type { TickDeps } from '../services/scheduler/run-tick';
import { createSlackApp, type SlackApp } from '../slack/create-slack-app';
import { createSlackClients, createSlackNotifier, slackClientOptions } from '../slack/create-slack-notifier';
import { botTokenRefresher } from '../slack/oauth/refresh-bot-token';
import { slackSdkLogger } from '../slack/slack-sdk-logger';
import { slackUserLookup } from '../slack/lookup-slack-user';
import { createSecretBox } from '../lib/secret-box';
import type { SlackInstallationDeps } from '../services/slack-installations/slack-installation-deps';
import type { AiDraftPool } from '../jobs/ai-draft-pool';
import { createAiDrafts, createExecutionDeps, reviewWorkflows, type ExecutionWiring } from './execution-ports';
import { checkHandoffHook } from './handoff-check-ports';
import { createHubSpotDeps } from './hubspot-wiring';
import { createChangeFeed } from '../services/change-feed';

export interface ComposedThread {
  ctx: ServiceContext;
  /** Present when Slack is configured and the caller takes Slack requests (the server, not the command line). */
  slack?: SlackApp;
  /** Drafting and execution ports: drafter, mailer, Slack messenger, portal links, notifier. */
  execution: ExecutionDeps;
  /** What one scheduler tick runs with. */
  tick: TickDeps;
  /**
   * The AI draft pool when an AI drafter is configured (the tick queues its drafts for it); not started here: the
   * server starts it with its scheduler, `thread tick` for its own tick's drafts.
   */
  aiDrafts?: AiDraftPool;
  /** HubSpot's connector, rules and import hooks; present when the caller handed in the encryption key. */
  hubspot?: HubSpotDeps;
  /** Closes the connectors that hold connections (the SMTP pool). */
  close(): void;
}

/** How long the Settings modal lets a new logo URL take to answer (the command line allows the probe's 5 seconds). */
export const SLACK_LOGO_CHECK_MS = 2_000;

/** The context every service call gets: the database, the wall clock (or the one given) and the logger. */
export function serviceContext(db: Database, logger: Logger, clock: () => Date = () => new Date()): ServiceContext {
  return { prisma: db.prisma, now: clock, logger, changes: createChangeFeed() };
}

export function composeThread(options: {
  config: Config;
  db: Database;
  logger: Logger;
  /**
   * True for the server: Slack requests (commands, buttons, events) come to it through Bolt. The command line takes
   * none, but still posts to Slack when Slack is configured.
   */
  takesSlackRequests: boolean;
  /** What services take as now; the wall clock unless a journey test plays weeks of onboarding in minutes. */
  clock?: () => Date;
  /** THREAD_ENCRYPTION_KEY (or the data directory's key): HubSpot's stored tokens are sealed with it. */
  encryptionKey?: Buffer;
}): ComposedThread {
  const { config, logger } = options;
  const ctx = serviceContext(options.db, logger, options.clock);

  // The Slack buttons reach execution lazily: the notifier the execution ports hold comes from the Slack app itself.
  const late: { wiring?: ExecutionWiring } = {};
  const executionDeps = (): ExecutionDeps => {
    if (!late.wiring) throw new Error('a Slack button reached execution before Thread finished starting');
    return late.wiring.deps;
  };
  // Built before the Slack app (Settings → Connectors needs it); the Slack lookup joins once a Slack client exists.
  const hubspot = options.encryptionKey
    ? createHubSpotDeps({ config, encryptionKey: options.encryptionKey })
    : undefined;
  // OAuth installs keep each workspace's bot token sealed under the encryption key.
  // With token rotation on, an expiring one is refreshed (once, under a lock) before Thread uses it.
  const installations: SlackInstallationDeps | undefined = options.encryptionKey
    ? {
        secrets: createSecretBox(options.encryptionKey),
        refreshBotToken: config.slack?.oauth
          ? botTokenRefresher(config.slack.oauth, {
              ...slackClientOptions(config.slack),
              logger: slackSdkLogger(logger),
            })
          : undefined,
      }
    : undefined;
  const slack =
    options.takesSlackRequests && config.slack
      ? createSlackApp({
          config: config.slack,
          ctx,
          logger,
          publicUrl: config.publicUrl,
          workflows: { ...reviewWorkflows(ctx, executionDeps), checkHandoff: checkHandoffHook(ctx, config) },
          // Slack waits 3 seconds for a modal's answer, database and channel check included: a logo address that
          // is slower than this is refused with that reason rather than leave Slack with no answer at all.
          imageProbe: createImageProbe({ timeoutMs: SLACK_LOGO_CHECK_MS }) satisfies ImageProbe,
          hubspot,
          // Charts and CSV exports are signed links; without the key (a test of something else) there are none.
          analytics: options.encryptionKey
            ? { secret: analyticsSigningKey(options.encryptionKey), publicUrl: config.publicUrl }
            : undefined,
          installations,
        })
      : undefined;
  // Everything Thread sends to Slack on its own goes through these: the one bot token, or each installation's.
  const clients =
    slack?.clients ??
    (config.slack ? createSlackClients({ config: config.slack, ctx, logger, installations }) : undefined);
  if (hubspot && clients) hubspot.lookupSlackUserByEmail = slackUserLookup(clients);
  const notifier =
    slack?.notifier ??
    (config.slack && clients ? createSlackNotifier({ config: config.slack, ctx, logger, clients }) : silentNotifier);
  const built = createExecutionDeps({ config, ctx, notifier, installations });
  late.wiring = built;
  const aiDrafts = createAiDrafts(config, ctx, built.deps);
  // A deal that reached closed won waits for its AE: they are asked for the handoff as soon as the account exists.
  if (hubspot)
    hubspot.onAccountPendingHandoff = async (o) =>
      void (await openHandoff(
        ctx,
        { notifier, mailer: built.deps.mailer, publicUrl: config.publicUrl },
        { ...o, actor: 'system' },
      ));

  return {
    ctx,
    slack,
    execution: built.deps,
    tick: {
      notifier,
      // Steps that only notify (missed cards, submission clocks, digests) wait for a process that has Slack.
      canNotify: config.slack !== undefined,
      // The tick drafts from the template at once; with AI configured the pool writes the AI drafts after it.
      aiDrafts,
      mailer: built.deps.mailer,
      portalLinks: built.deps.portalLinks,
      publicUrl: config.publicUrl,
    },
    aiDrafts,
    hubspot,
    close: () => built.close(),
  };
}
