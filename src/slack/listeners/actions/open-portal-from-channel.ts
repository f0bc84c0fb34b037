import type { ListenerRegistry } from '../../listener-registry';
import { AppError } from '../../../lib/errors';
import { openPortalFromChannel } from '../../../services/portal/open-portal-from-channel';
import { buildOpenPortalReply, buildVendorSideRefusal } from '../../blocks/customer-channel';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { answerClicker, buttonValue, clickedMessage, tellClicker, type ThreadClick } from '../interaction';
import { installedOrganization, responderOf } from '../shared-channel';

/**
 * Open the portal, on a document request posted in the account's customer channel (uploads stay in the portal): a
 * mapped contact gets a fresh magic link of their own to the request, shown only to them.
 */
export function registerOpenPortalFromChannel(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<ThreadClick>(ACTIONS.openPortal, async ({ ack, body, respond, client }) => {
    await ack();
    const click = { body, respond, client };
    try {
      if (!deps.publicUrl)
        throw new AppError('not_configured', 'portal links need PUBLIC_URL, and it is not passed to the Slack app.');
      const org = await installedOrganization(deps, body);
      const opening = await openPortalFromChannel(deps.ctx, {
        organizationId: org.id,
        actionId: buttonValue(body),
        channelId: body.channel?.id ?? clickedMessage(body)?.channel ?? '',
        responder: responderOf(body),
        publicUrl: deps.publicUrl,
      });
      await answerClicker(
        click,
        opening.kind === 'vendor_side' ? buildVendorSideRefusal(opening) : buildOpenPortalReply(opening),
      );
    } catch (error) {
      await tellClicker(deps, click, error);
    }
  });
}
