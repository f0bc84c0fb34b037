/**
 * Bolt in one process with the rest of Thread: in HTTP mode its ExpressReceiver contributes a router for
 * POST /slack/events to the shared Express app (the receiver parses and verifies its own raw body); with an app
 * token it runs in Socket Mode instead. The WebClient honours SLACK_API_URL, so tests point it at a fake.
 *
 * Two ways to know the workspace: one bot token from the environment (single-workspace mode, as always), or OAuth
 * installs (SLACK_CLIENT_ID…): Bolt's InstallProvider serves GET /slack/install and GET /slack/oauth_redirect, the
 * installation store is Thread's database, and Bolt's authorize finds each request's token there.
 */
import { App, ErrorCode, ExpressReceiver, type Installation } from '@slack/bolt';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { InstallProvider, type CallbackOptions, type CodedError } from '@slack/oauth';
import type { WebClient } from '@slack/web-api';
import { Router } from 'express';
import type { SlackConfig, SlackOAuthConfig } from '../config';
import { renderInstallFailedPage, renderInstalledPage, renderInstallPage } from '../http/slack-install/install-pages';
import { AppError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import type { ServiceContext } from '../services/context';
import type { AnalyticsLinkDeps } from '../services/analytics/analytics-links';
import type { HubSpotDeps } from '../services/hubspot/hubspot-deps';
import type { ImageProbe } from '../services/organizations/image-probe-port';
import type { SlackInstallationDeps } from '../services/slack-installations/slack-installation-deps';
import { AckFirstScheduler, countUnacknowledged, prioritizeAcks, type AckFirstOptions } from './ack-first';
import { buildInstallWelcome } from './blocks/install-welcome';
import type { ReviewWorkflows, SlackDeps } from './deps';
import { createListenerRoutes } from './listener-registry';
import { registerActionListeners } from './listeners/actions';
import { registerCommandListeners } from './listeners/commands';
import { registerEventListeners } from './listeners/events';
import { registerViewListeners } from './listeners/views';
import { dedupeEvents } from './middleware/dedupe-events';
import { onlyOwnWorkspace } from './middleware/only-own-workspace';
import { stepsThen } from './middleware/step';
import { SLACK_BOT_SCOPES } from './oauth/bot-scopes';
import { createInstallationStore, type ThreadInstallationStore } from './oauth/installation-store';
import { withSharedChannelFallback } from './oauth/shared-channel-installation';
import { slackClientOptions } from './create-slack-notifier';
import { installedWorkspaceClients, singleWorkspaceClients, type SlackClients } from './slack-clients';
import { SlackNotifier } from './slack-notifier';
import { slackSdkLogger } from './slack-sdk-logger';
import { SlackWorkspace } from './workspace';

export const SLACK_INSTALL_PATH = '/slack/install';
export const SLACK_REDIRECT_PATH = '/slack/oauth_redirect';

export interface SlackApp {
  app: App;
  /** Mount at "/" in HTTP mode; undefined in Socket Mode. */
  router?: Router;
  notifier: SlackNotifier;
  /** How Thread reaches each organisation's Slack on its own (one client, or one per installation). */
  clients: SlackClients;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves once no listener is still working after its acknowledgement. */
  idle(): Promise<void>;
}

/**
 * Bolt's conversation store (a per-channel state map read on every request) is off: Thread keeps its state in its
 * database and never reads `context.conversation`.
 */
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
  /** Seals installations' tokens: required with OAuth installs. */
  installations?: SlackInstallationDeps;
  /** How work after an acknowledgement yields to the acknowledgements still due (defaults suit a server). */
  ackFirst?: AckFirstOptions;
}): SlackApp {
  const { config, ctx, logger } = options;
  const log = slackSdkLogger(logger);
  const clientOptions = slackClientOptions(config);
  let app: App;
  let router: Router | undefined;
  let clients: SlackClients;
  let oauth: InstallWiring | undefined;
  if (config.oauth) {
    if (!options.installations)
      throw new AppError('config_invalid', 'Slack OAuth installs need the encryption key to seal bot tokens');
    const store = createInstallationStore(ctx, options.installations);
    clients = installedWorkspaceClients({
      ctx,
      installations: options.installations,
      clientOptions: { ...clientOptions, logger: log },
    });
    // Bolt reads the callbacks from this object on each callback; they are filled in once the workspace exists.
    const callbackOptions: CallbackOptions = {};
    const receiver = new ExpressReceiver({
      signingSecret: config.signingSecret,
      endpoints: '/slack/events',
      logger: log,
      clientId: config.oauth.clientId,
      clientSecret: config.oauth.clientSecret,
      stateSecret: config.oauth.stateSecret,
      scopes: [...SLACK_BOT_SCOPES],
      installationStore: store,
      ...(options.publicUrl ? { redirectUri: `${options.publicUrl}${SLACK_REDIRECT_PATH}` } : {}),
      installerOptions: {
        installPath: SLACK_INSTALL_PATH,
        redirectUriPath: SLACK_REDIRECT_PATH,
        // The Add to Slack page first (a person sees what they install); the state is checked on the way back.
        directInstall: false,
        stateVerification: true,
        renderHtmlForInstallPath: renderInstallPage,
        clientOptions,
        callbackOptions,
      },
    });
    // Bolt's authorize comes from the receiver's InstallProvider: each request's token is read from the store. A
    // customer's click in a shared channel may name their own workspace: those few requests find it another way.
    const installer = receiver.installer!;
    installer.authorize = withSharedChannelFallback(ctx, installer.authorize.bind(installer));
    app = new App({ receiver, logger: log, clientOptions, convoStore: false });
    oauth = { store, receiver, oauth: config.oauth, callbackOptions, clientOptions };
  } else {
    if (!config.botToken) throw new AppError('config_invalid', 'SLACK_BOT_TOKEN is not set');
    if (config.appToken) {
      app = new App({
        token: config.botToken,
        appToken: config.appToken,
        socketMode: true,
        logger: log,
        clientOptions,
        convoStore: false,
      });
    } else {
      const receiver = new ExpressReceiver({
        signingSecret: config.signingSecret,
        endpoints: '/slack/events',
        logger: log,
      });
      app = new App({ token: config.botToken, receiver, logger: log, clientOptions, convoStore: false });
      router = receiver.router as Router;
    }
    clients = singleWorkspaceClients(app.client);
  }
  const notifier = new SlackNotifier(clients, ctx, logger, config.csmChannel);
  const workspace = new SlackWorkspace(clients, ctx, logger);
  if (oauth) router = installRoutes({ ...oauth, clients, workspace, logger, publicUrl: options.publicUrl });
  const acks = new AckFirstScheduler(options.ackFirst);
  prioritizeAcks(app, acks);
  if (router) {
    // Counted from the moment a request reaches Express, before its body is read and its signature checked.
    const counted = Router();
    counted.post('/slack/events', countUnacknowledged(acks));
    counted.use(router);
    router = counted;
  }
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
  const listeners = createListenerRoutes();
  registerCommandListeners(listeners.registry, deps);
  registerActionListeners(listeners.registry, deps);
  registerViewListeners(listeners.registry, deps);
  registerEventListeners(listeners.registry, deps);
  // One Bolt middleware: the workspace check, the event de-duplication, then the listener the request is for.
  app.use(stepsThen([onlyOwnWorkspace(deps), dedupeEvents(deps)], listeners.dispatch));
  app.error(async (error) => {
    // With OAuth installs, a request from a workspace with no installation (never installed, or uninstalled) is
    // refused by Bolt's authorize before any listener: expected, not a fault of Thread's.
    if (error.code === ErrorCode.AuthorizationError) {
      logger.warn({ err: error }, 'refused a Slack request from a workspace where Thread is not installed');
      return;
    }
    logger.error({ err: error }, 'unhandled error in a Slack listener');
  });
  return {
    app,
    router,
    notifier,
    clients,
    // In HTTP mode the shared Express server does the listening; only Socket Mode has a connection to open.
    start: async () => {
      if (config.appToken) await app.start();
    },
    stop: async () => {
      if (config.appToken) await app.stop();
    },
    idle: () => acks.idle(),
  };
}

/**
 * The install's routes: Bolt's (the Add to Slack page, the callback with a verified state), and in front of them a
 * callback without any state. Slack sends that one for an install started in Slack itself (the App Directory, an
 * org admin's page), where Thread issued no state; Bolt's InstallProvider handles it with state verification off,
 * as Bolt documents for those installs. Such a callback can only install the workspace of whoever authorised it,
 * which they could do from the directory anyway; a callback that carries a state is always verified (a forged or
 * expired one is refused).
 */
interface InstallWiring {
  store: ThreadInstallationStore;
  receiver: ExpressReceiver;
  oauth: SlackOAuthConfig;
  /** The object Bolt's receiver holds as its callback options. */
  callbackOptions: CallbackOptions;
  clientOptions: ReturnType<typeof slackClientOptions>;
}

function installRoutes(
  o: InstallWiring & {
    clients: SlackClients;
    workspace: SlackWorkspace;
    logger: Logger;
    publicUrl?: string;
  },
): Router {
  const callbackOptions: CallbackOptions = {
    successAsync: async (installation, _options, _req, res) => {
      const outcome = o.store.recorded(installation);
      await welcomeInstaller(o, installation);
      const teamId = installation.team?.id ?? '';
      const slackUrl = installation.appId
        ? `https://slack.com/app_redirect?app=${encodeURIComponent(installation.appId)}&team=${encodeURIComponent(teamId)}`
        : 'https://slack.com/';
      sendHtml(
        res,
        200,
        renderInstalledPage({
          workspaceName: outcome?.organizationName ?? installation.team?.name ?? installation.enterprise?.name ?? '',
          slackUrl,
          restored: outcome?.restored ?? false,
        }),
      );
    },
    failure: (error: CodedError, _options, req: IncomingMessage, res: ServerResponse) => {
      const cancelled = new URL(req.url ?? '/', 'http://x').searchParams.get('error') === 'access_denied';
      const badState = error.code === 'slack_oauth_invalid_state' || error.code === 'slack_oauth_missing_state';
      o.logger.warn({ code: error.code, err: error }, 'a Slack install did not complete');
      sendHtml(
        res,
        cancelled ? 200 : badState ? 400 : 502,
        renderInstallFailedPage(cancelled ? 'cancelled' : badState ? 'state' : 'failed'),
      );
    },
  };
  Object.assign(o.callbackOptions, callbackOptions);

  const withoutState = new InstallProvider({
    clientId: o.oauth.clientId,
    clientSecret: o.oauth.clientSecret,
    installationStore: o.store,
    stateVerification: false,
    logger: slackSdkLogger(o.logger),
    clientOptions: o.clientOptions,
  });
  const installOptions = {
    scopes: [...SLACK_BOT_SCOPES],
    ...(o.publicUrl ? { redirectUri: `${o.publicUrl}${SLACK_REDIRECT_PATH}` } : {}),
  };
  const router = Router();
  router.get(SLACK_REDIRECT_PATH, (req, res, next) => {
    if (req.query.state !== undefined || req.query.error !== undefined) return next();
    withoutState.handleCallback(req, res, callbackOptions, installOptions).catch(next);
  });
  router.use(o.receiver.router as Router);
  return router;
}

/** The installer's welcome DM, and their profile read now; neither failing undoes the install (logged instead). */
async function welcomeInstaller(
  o: { store: ThreadInstallationStore; clients: SlackClients; workspace: SlackWorkspace; logger: Logger },
  installation: Installation,
): Promise<void> {
  const outcome = o.store.recorded(installation);
  if (!outcome || !installation.bot) return;
  try {
    const message = buildInstallWelcome({
      organizationName: outcome.organizationName,
      installerIsAdmin: outcome.installerIsAdmin,
      adminNames: outcome.adminNames,
      restored: outcome.restored,
    });
    const client: WebClient = o.clients.forToken(installation.bot.token);
    await client.chat.postMessage({ channel: installation.user.id, text: message.text, blocks: message.blocks });
    await o.workspace.refreshFromSlack(outcome.organizationId, installation.user.id);
  } catch (error) {
    o.logger.error(
      { err: error, organizationId: outcome.organizationId },
      'Thread was installed but the installer’s welcome DM failed',
    );
  }
}

function sendHtml(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(body);
}
