import type { ListenerRegistry } from '../../listener-registry';
import { AppError } from '../../../lib/errors';
import { listPortalContacts } from '../../../services/portal/list-portal-contacts';
import { sendPortalLink } from '../../../services/portal/send-portal-link';
import { buildEmailPortalLinkModal } from '../../blocks/portal-link-modals';
import { buildPortalLinkSentMessage } from '../../blocks/portal-link-replies';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { actorOf, buttonValue, tellUser, type ThreadClick } from '../interaction';

/**
 * Email portal link: a fresh magic link emailed to the account's only contact straight away, or, when there are
 * several, a small modal to pick one. With email off the reply says so and shows the link to copy instead.
 * Only the account's CSM or an admin may send one (checked by the services).
 */
export function registerEmailPortalLink(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<ThreadClick>(ACTIONS.emailPortalLink, async ({ ack, body, respond, client }) => {
    await ack();
    try {
      const actor = await actorOf(deps, body);
      const accountId = buttonValue(body);
      const recipients = await listPortalContacts(deps.ctx, {
        organizationId: actor.organizationId,
        accountId,
        actor,
        doing: 'send portal links',
      });
      if (!deps.publicUrl)
        throw new AppError('not_configured', 'portal links need PUBLIC_URL, and it is not passed to the Slack app.');
      const mailer = deps.workflows.mailer?.();
      if (recipients.contacts.length > 1) {
        const responseUrl = body.response_url;
        await client.views.open({
          trigger_id: body.trigger_id,
          view: buildEmailPortalLinkModal(recipients, { accountId, responseUrl }, mailer !== undefined),
        });
        return;
      }
      const sent = await sendPortalLink(
        deps.ctx,
        { mailer },
        { organizationId: actor.organizationId, accountId, actor, publicUrl: deps.publicUrl },
      );
      const message = buildPortalLinkSentMessage(sent);
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: message.text,
        blocks: message.blocks,
      });
    } catch (error) {
      await tellUser(deps, respond, error);
    }
  });
}
