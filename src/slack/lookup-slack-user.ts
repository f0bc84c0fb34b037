/**
 * Finds a workspace member by email (users.lookupByEmail, scope users:read.email), for the HubSpot import to name
 * the AE from the deal owner's email. Nobody with that email is null; any other Slack failure is thrown.
 */
import { WebClient } from '@slack/web-api';
import type { SlackConfig } from '../config';
import type { Logger } from '../lib/logger';
import type { SlackUserLookup } from '../services/hubspot/hubspot-deps';
import { slackClientOptions } from './create-slack-notifier';
import { slackSdkLogger } from './slack-sdk-logger';

function slackError(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

export function slackUserLookup(client: WebClient): SlackUserLookup {
  return async (email) => {
    try {
      const answer = await client.users.lookupByEmail({ email });
      const user = answer.user;
      if (!user?.id || user.deleted || user.is_bot) return null;
      return user.id;
    } catch (error) {
      if (slackError(error) === 'users_not_found') return null;
      throw error;
    }
  };
}

/** The lookup on its own Web API client, for a process without the Bolt app (the command line). */
export function createSlackUserLookup(config: SlackConfig, logger: Logger): SlackUserLookup {
  return slackUserLookup(
    new WebClient(config.botToken, { ...slackClientOptions(config), logger: slackSdkLogger(logger) }),
  );
}
