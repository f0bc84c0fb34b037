/**
 * The Slack notifier alone, for a process that posts to Slack but takes no Slack requests: the command line's
 * `thread tick`. The same SlackNotifier the server's Bolt app holds, on its own Web API client with the same
 * settings (SLACK_API_URL, retries), so a tick run by hand posts exactly what the server's tick would.
 */
import { WebClient } from '@slack/web-api';
import type { SlackConfig } from '../config';
import type { Logger } from '../lib/logger';
import type { ServiceContext } from '../services/context';
import { SlackNotifier } from './slack-notifier';
import { slackSdkLogger } from './slack-sdk-logger';

/** The Web API client settings every Slack client of Thread shares (Bolt's and the notifier's own). */
export function slackClientOptions(config: SlackConfig) {
  return { ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}), retryConfig: { retries: 3 } };
}

export function createSlackNotifier(options: {
  config: SlackConfig;
  ctx: ServiceContext;
  logger: Logger;
}): SlackNotifier {
  const { config } = options;
  const client = new WebClient(config.botToken, {
    ...slackClientOptions(config),
    logger: slackSdkLogger(options.logger),
  });
  return new SlackNotifier(client, options.ctx, options.logger, config.csmChannel);
}
