import type { ListenerRegistry } from '../../listener-registry';
import { completeOnSlackReply } from '../../../services/execution/complete-on-slack-reply';
import type { SlackDeps } from '../../deps';
import { originOf } from '../../workspace';

/**
 * A customer's reply in the thread of a message Thread sent to their channel (message.channels / message.groups,
 * or a DM) completes that action. Only plain user replies count: bot posts, edits, deletions and broadcasts
 * carry a subtype or a bot_id and are ignored; so are top-level messages.
 */
export function registerCustomerThreadReply(app: ListenerRegistry, deps: SlackDeps): void {
  app.event('message', async ({ event, body }) => {
    // Any subtype (bot_message, message_changed, thread_broadcast…) is not a customer's own reply.
    if (event.subtype !== undefined || event.bot_id || !event.user || !event.channel) return;
    if (!event.thread_ts || event.thread_ts === event.ts) return;
    // The customer replying is no Thread person (often in another workspace, over Slack Connect): only the
    // organisation of the workspace the event was delivered to is resolved, and the reply is looked for in it.
    const org = await deps.workspace.organization(originOf(body));
    await completeOnSlackReply(
      deps.ctx,
      { notifier: deps.notifier },
      { organizationId: org.id, channel: event.channel, threadTs: event.thread_ts, slackUserId: event.user },
    );
  });
}
