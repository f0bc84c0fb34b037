/**
 * Posts customer-facing Slack messages (Slack Connect channel or a DM to the customer's Slack user) with the
 * Web API. The caller's client_msg_id travels with the message (and in its metadata) so a message found in the
 * channel can be matched to the action that sent it.
 */
import { WebClient } from '@slack/web-api';
import { AppError } from '../../lib/errors';

export interface SlackMessengerOptions {
  botToken: string;
  apiUrl?: string;
}

export interface OutgoingSlackMessage {
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
  const client = new WebClient(options.botToken, {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    // The send is claimed once by the caller; a retry inside the client could post twice after a timeout.
    retryConfig: { retries: 0 },
  });
  return {
    async post(message) {
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
