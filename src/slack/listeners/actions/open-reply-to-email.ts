import type { ListenerRegistry } from '../../listener-registry';
import { buildReplyToEmailModal } from '../../blocks/reply-to-email';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { actorOf, buttonValue, tellUser, type ThreadClick } from '../interaction';

/**
 * "Set reply-to address", on the DM Thread sends a CSM whose email Slack hides and on a refused customer email:
 * opens the modal. Whether the clicker may set that person's address is the service's decision, on submission.
 */
export function registerOpenReplyToEmail(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<ThreadClick>(ACTIONS.openReplyToEmail, async ({ ack, body, respond, client }) => {
    await ack();
    try {
      const actor = await actorOf(deps, body);
      const userId = buttonValue(body) || actor.userId;
      await client.views.open({ trigger_id: body.trigger_id, view: buildReplyToEmailModal(userId) });
    } catch (error) {
      await tellUser(deps, respond, error);
    }
  });
}
