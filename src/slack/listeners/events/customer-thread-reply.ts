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
    const m = event as {
      subtype?: string;
      bot_id?: string;
      user?: string;
      channel?: string;
      ts?: string;
      thread_ts?: string;
    };
    if (m.subtype !== undefined || m.bot_id || !m.user || !m.channel || !m.thread_ts || m.thread_ts === m.ts) return;
    await completeOnSlackReply(
      deps.ctx,
      { notifier: deps.notifier },
      { channel: m.channel, threadTs: m.thread_ts, slackUserId: m.user },
    );
  });
}
