import type { ListenerRegistry } from '../../listener-registry';
import { sendTestMessage } from '../../../services/execution/send-test-message';
import { checkPermission } from '../../../services/permissions/check-permission';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { actorOf, buttonValue, tellUser, type ThreadClick } from '../interaction';

/**
 * "Send test to me": exactly the text the customer would get (same service as the real send uses for its text),
 * as a DM from Thread to the reviewer; nothing reaches the customer and the action does not change.
 */
export function registerSendTest(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<ThreadClick>(ACTIONS.sendTest, async ({ ack, body, respond, client }) => {
    await ack();
    try {
      const actor = await actorOf(deps, body);
      const actionId = buttonValue(body);
      await checkPermission(deps.ctx, {
        organizationId: actor.organizationId,
        actor,
        target: { actionId },
        doing: 'test drafts',
      });
      const slackMessenger = {
        post: async (m: { channel: string; text: string }) => {
          const posted = await client.chat.postMessage({ channel: m.channel, text: m.text, unfurl_links: false });
          return { channel: posted.channel ?? m.channel, ts: posted.ts ?? '' };
        },
      };
      await sendTestMessage(
        deps.ctx,
        { slackMessenger },
        { organizationId: actor.organizationId, actionId, actor: { userId: actor.userId } },
      );
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: ':incoming_envelope: Test sent to your DMs with Thread, exactly as the customer would see it.',
      });
    } catch (error) {
      await tellUser(deps, respond, error);
    }
  });
}
