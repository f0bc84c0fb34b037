/**
 * Posts customer-facing Slack messages (Slack Connect channel or a DM to the customer's Slack user) with the
 * Web API. The caller's client_msg_id travels with the message (and in its metadata) so a message found in the
 * channel can be matched to the action that sent it.
 */
import { WebClient } from '@slack/web-api';
import { AppError } from '../../lib/errors';

/** One workspace's bot token, or (OAuth installs) each organisation's: null when it has none (uninstalled). */
export type SlackMessengerOptions = { apiUrl?: string } & (
  { botToken: string } | { tokenFor: (organizationId: string) => Promise<string | null> }
);

export interface OutgoingSlackMessage {
  organizationId: string;
  /** A channel id, or a user id for a DM. */
  channel: string;
  text: string;
  clientMsgId: string;
  actionId?: string;
}

export interface PostedSlackMessage {
  channel: string;
  ts: string;
}

export interface SlackMessenger {
  post(message: OutgoingSlackMessage): Promise<PostedSlackMessage>;
}

export function createSlackMessenger(options: SlackMessengerOptions): SlackMessenger {
  const clientOptions = {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    // The send is claimed once by the caller; a retry inside the client could post twice after a timeout.
    retryConfig: { retries: 0 },
  };
  const single = 'botToken' in options ? new WebClient(options.botToken, clientOptions) : undefined;
  const clientFor = async (organizationId: string): Promise<WebClient> => {
    if (single) return single;
    const token = 'tokenFor' in options ? await options.tokenFor(organizationId) : null;
    if (!token)
      throw new AppError(
        'not_configured',
        'Thread is not installed in this organisation’s Slack any more (it was uninstalled or its token revoked): an admin must reinstall it before Slack messages can be sent.',
      );
    return new WebClient(token, clientOptions);
  };
  return {
    async post(message) {
      const client = await clientFor(message.organizationId);
      try {
        const result = await client.chat.postMessage({
          channel: message.channel,
          text: message.text,
          unfurl_links: false,
          client_msg_id: message.clientMsgId,
          metadata: {
            event_type: 'thread_action_sent',
            event_payload: { client_msg_id: message.clientMsgId, action_id: message.actionId ?? '' },
          },
        } as Parameters<typeof client.chat.postMessage>[0]);
        if (!result.ok || !result.ts || !result.channel)
          throw new AppError('connector_failed', `Slack did not post the message: ${result.error ?? 'no ts returned'}`);
        return { channel: result.channel, ts: result.ts };
      } catch (error) {
        if (error instanceof AppError) throw error;
        const code = (error as { data?: { error?: unknown } }).data?.error;
        throw new AppError(
          'connector_failed',
          `Slack did not post the message: ${typeof code === 'string' ? code : error instanceof Error ? error.message : 'unknown error'}`,
          { cause: error },
        );
      }
    },
  };
}
