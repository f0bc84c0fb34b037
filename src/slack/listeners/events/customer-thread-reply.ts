import type { App } from '@slack/bolt';
import { completeOnSlackReply } from '../../../services/execution/complete-on-slack-reply';
import type { SlackDeps } from '../../deps';

/**
 * A customer's reply in the thread of a message Thread sent to their channel (message.channels / message.groups,
 * or a DM) completes that action. Only plain user replies count: bot posts, edits, deletions and broadcasts
 * carry a subtype or a bot_id and are ignored; so are top-level messages.
 */
export function registerCustomerThreadReply(app: App, deps: SlackDeps): void {
  app.event('message', async ({ event }) => {
    // Any subtype (bot_message, message_changed, thread_broadcast…) is not a customer's own reply.
    if (event.subtype !== undefined || event.bot_id || !event.user || !event.channel) return;
    if (!event.thread_ts || event.thread_ts === event.ts) return;
    await completeOnSlackReply(
      deps.ctx,
      { notifier: deps.notifier },
      { channel: event.channel, threadTs: event.thread_ts, slackUserId: event.user },
    );
  });
}
