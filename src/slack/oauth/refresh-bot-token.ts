/**
 * Token rotation's Slack call: a refresh token traded for a new bot token and refresh token (oauth.v2.access with
 * grant_type refresh_token, authenticated by the app's client id and secret). The installation services decide
 * when, and make sure one process at a time does it.
 */
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { SlackOAuthConfig } from '../../config';
import { AppError } from '../../lib/errors';
import type { RefreshedBotToken } from '../../services/slack-installations/slack-installation-deps';

export function botTokenRefresher(
  oauth: SlackOAuthConfig,
  clientOptions: WebClientOptions,
): (refreshToken: string) => Promise<RefreshedBotToken> {
  const client = new WebClient(undefined, clientOptions);
  return async (refreshToken) => {
    const answer = await client.oauth.v2.access({
      client_id: oauth.clientId,
      client_secret: oauth.clientSecret,
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
    });
    if (!answer.access_token || !answer.refresh_token || !answer.expires_in)
      throw new AppError('connector_failed', 'Slack did not hand back a new bot token when Thread refreshed it');
    return {
      botToken: answer.access_token,
      botRefreshToken: answer.refresh_token,
      expiresInSeconds: answer.expires_in,
    };
  };
}
