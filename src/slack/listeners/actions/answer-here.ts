import type { ListenerRegistry } from '../../listener-registry';
import { getChannelAnswerForm } from '../../../services/portal/get-channel-answer-form';
import { buildAnswerFormModal, buildVendorSideRefusal } from '../../blocks/customer-channel';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { answerClicker, buttonValue, clickedMessage, tellClicker, type ThreadClick } from '../interaction';
import { installedOrganization, responderOf } from '../shared-channel';

/**
 * Answer here, on a portal form posted in the account's customer channel: the form as a modal for the customer's
 * people (or a mapped contact); a member of the vendor's own workspace is told, only them, why not.
 */
export function registerAnswerHere(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<ThreadClick>(ACTIONS.answerHere, async ({ ack, body, respond, client }) => {
    await ack();
    const click = { body, respond, client };
    try {
      const org = await installedOrganization(deps, body);
      const channelId = body.channel?.id ?? clickedMessage(body)?.channel ?? '';
      const form = await getChannelAnswerForm(deps.ctx, {
        organizationId: org.id,
        actionId: buttonValue(body),
        channelId,
        responder: responderOf(body),
      });
      if (form.kind === 'vendor_side') {
        await answerClicker(click, buildVendorSideRefusal(form));
        return;
      }
      await client.views.open({ trigger_id: body.trigger_id, view: buildAnswerFormModal(form, channelId) });
    } catch (error) {
      await tellClicker(deps, click, error);
    }
  });
}
