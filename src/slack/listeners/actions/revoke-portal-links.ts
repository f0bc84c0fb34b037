import type { ListenerRegistry } from '../../listener-registry';
import { listPortalContacts } from '../../../services/portal/list-portal-contacts';
import { buildRevokePortalLinksModal } from '../../blocks/portal-link-modals';
import { buildPortalLinksRevokedMessage } from '../../blocks/portal-link-replies';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { actorOf, buttonValue, tellUser, type ThreadClick } from '../interaction';

/**
 * Revoke portal links: opens the confirmation (how many links, whose; a contact picker when several have one).
 * Nothing is revoked until it is confirmed. With no live link there is nothing to confirm, and the reply says so.
 */
export function registerRevokePortalLinks(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<ThreadClick>(ACTIONS.revokePortalLinks, async ({ ack, body, respond, client }) => {
    await ack();
    try {
      const actor = await actorOf(deps, body);
      const accountId = buttonValue(body);
      const holders = await listPortalContacts(deps.ctx, {
        organizationId: actor.organizationId,
        accountId,
        actor,
        doing: 'revoke portal links',
      });
      if (!holders.contacts.some((c) => c.activeLinks > 0)) {
        const message = buildPortalLinksRevokedMessage({ accountName: holders.accountName, revoked: 0 });
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: message.text,
          blocks: message.blocks,
        });
        return;
      }
      const responseUrl = body.response_url;
      await client.views.open({
        trigger_id: body.trigger_id,
        view: buildRevokePortalLinksModal(holders, { accountId, responseUrl }),
      });
    } catch (error) {
      await tellUser(deps, respond, error);
    }
  });
}
