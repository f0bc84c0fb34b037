/**
 * The Slack notifier alone, for a process that posts to Slack but takes no Slack requests: the command line's
 * `thread tick`. The same SlackNotifier the server's Bolt app holds, on its own Web API clients with the same
 * settings (SLACK_API_URL, retries), so a tick run by hand posts exactly what the server's tick would: with the
 * one bot token, or with each organisation's installation's token under OAuth installs.
 */
import { WebClient } from '@slack/web-api';
import type { SlackConfig } from '../config';
import { AppError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import type { ServiceContext } from '../services/context';
import type { SlackInstallationDeps } from '../services/slack-installations/slack-installation-deps';
import { installedWorkspaceClients, singleWorkspaceClients, type SlackClients } from './slack-clients';
import { SlackNotifier } from './slack-notifier';
import { slackSdkLogger } from './slack-sdk-logger';

/** The Web API client settings every Slack client of Thread shares (Bolt's and the notifier's own). */
export function slackClientOptions(config: SlackConfig) {
  return { ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}), retryConfig: { retries: 3 } };
}

/** The clients of a process without the Bolt app: the one bot token's, or each installation's. */
export function createSlackClients(options: {
  config: SlackConfig;
  ctx: ServiceContext;
  logger: Logger;
  installations?: SlackInstallationDeps;
}): SlackClients {
  const { config } = options;
  const clientOptions = { ...slackClientOptions(config), logger: slackSdkLogger(options.logger) };
  if (config.oauth) {
    if (!options.installations)
      throw new AppError('config_invalid', 'Slack OAuth installs need the encryption key to open bot tokens');
    return installedWorkspaceClients({ ctx: options.ctx, installations: options.installations, clientOptions });
  }
  if (!config.botToken) throw new AppError('config_invalid', 'SLACK_BOT_TOKEN is not set');
  return singleWorkspaceClients(new WebClient(config.botToken, clientOptions));
}

export function createSlackNotifier(options: {
  config: SlackConfig;
  ctx: ServiceContext;
  logger: Logger;
  clients?: SlackClients;
}): SlackNotifier {
  const clients = options.clients ?? createSlackClients(options);
  return new SlackNotifier(clients, options.ctx, options.logger, options.config.csmChannel);
}
