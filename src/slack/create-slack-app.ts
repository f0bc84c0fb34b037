/**
 * Bolt in one process with the rest of Thread: in HTTP mode its ExpressReceiver contributes a router for
 * POST /slack/events to the shared Express app (the receiver parses and verifies its own raw body); with an app
 * token it runs in Socket Mode instead. The WebClient honours SLACK_API_URL, so tests point it at a fake.
 */
import { App, ExpressReceiver } from '@slack/bolt';
import type { Router } from 'express';
import type { SlackConfig } from '../config';
import type { Logger } from '../lib/logger';
import type { ServiceContext } from '../services/context';
import type { AnalyticsLinkDeps } from '../services/analytics/analytics-links';
import type { HubSpotDeps } from '../services/hubspot/hubspot-deps';
import type { ImageProbe } from '../services/organizations/image-probe-port';
import type { ReviewWorkflows, SlackDeps } from './deps';
import { registerActionListeners } from './listeners/actions';
import { registerCommandListeners } from './listeners/commands';
import { registerEventListeners } from './listeners/events';
import { registerViewListeners } from './listeners/views';
import { registerEventDedupe } from './middleware/dedupe-events';
import { registerOnlyOwnWorkspace } from './middleware/only-own-workspace';
import { slackClientOptions } from './create-slack-notifier';
import { SlackNotifier } from './slack-notifier';
import { slackSdkLogger } from './slack-sdk-logger';
import { SlackWorkspace } from './workspace';

export interface SlackApp {
  app: App;
  /** Mount at "/" in HTTP mode; undefined in Socket Mode. */
  router?: Router;
  notifier: SlackNotifier;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createSlackApp(options: {
  config: SlackConfig;
  ctx: ServiceContext;
  logger: Logger;
  workflows?: ReviewWorkflows;
  publicUrl?: string;
  /** The composition root always hands in the real one; a test of something else may leave it out. */
  imageProbe?: ImageProbe;
  /** HubSpot's connector, for Settings → Connectors (the server always has it). */
  hubspot?: HubSpotDeps;
  /** The key and base URL of analytics charts and CSV links. */
  analytics?: AnalyticsLinkDeps;
}): SlackApp {
  const { config, ctx, logger } = options;
  const log = slackSdkLogger(logger);
  const clientOptions = slackClientOptions(config);
  let app: App;
  let router: Router | undefined;
  if (config.appToken) {
    app = new App({ token: config.botToken, appToken: config.appToken, socketMode: true, logger: log, clientOptions });
  } else {
    const receiver = new ExpressReceiver({
      signingSecret: config.signingSecret,
      endpoints: '/slack/events',
      logger: log,
    });
    app = new App({ token: config.botToken, receiver, logger: log, clientOptions });
    router = receiver.router as Router;
  }
  const notifier = new SlackNotifier(app.client, ctx, logger, config.csmChannel);
  const workspace = new SlackWorkspace(app.client, ctx, logger);
  const deps: SlackDeps = {
    ctx,
    logger,
    notifier,
    workspace,
    workflows: options.workflows ?? {},
    publicUrl: options.publicUrl,
    imageProbe: options.imageProbe,
    hubspot: options.hubspot,
    analytics: options.analytics,
  };
  registerOnlyOwnWorkspace(app, deps);
  registerEventDedupe(app, deps);
  registerCommandListeners(app, deps);
  registerActionListeners(app, deps);
  registerViewListeners(app, deps);
  registerEventListeners(app, deps);
  app.error(async (error) => {
    logger.error({ err: error }, 'unhandled error in a Slack listener');
  });
  return {
    app,
    router,
    notifier,
    // In HTTP mode the shared Express server does the listening; only Socket Mode has a connection to open.
    start: async () => {
      if (config.appToken) await app.start();
    },
    stop: async () => {
      if (config.appToken) await app.stop();
    },
  };
}
