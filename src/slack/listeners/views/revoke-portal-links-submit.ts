import type { ViewSubmitAction } from '@slack/bolt';
import type { ListenerRegistry } from '../../listener-registry';
import { AppError } from '../../../lib/errors';
import { listPortalContacts } from '../../../services/portal/list-portal-contacts';
import { revokePortalLink } from '../../../services/portal/revoke-portal-link';
import { ALL_CONTACTS } from '../../blocks/portal-link-modals';
import { buildPortalLinksRevokedMessage } from '../../blocks/portal-link-replies';
import type { SlackDeps } from '../../deps';
import { FIELDS, VIEWS } from '../../ids';
import { actorOf } from '../interaction';
import { portalLinkModalMetadata, readModalMetadata } from './modal-metadata';
import { replyAfterModal } from './reply-after-modal';
import { viewFailure } from './view-failure';
import { selectedValue } from './view-input';

/**
 * Confirmed Revoke portal links: every live link of the account, or of the picked contact, stops working now.
 * The permission is checked again here (the modal may have stayed open while the account changed hands).
 */
export function registerRevokePortalLinksSubmit(app: ListenerRegistry, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(VIEWS.revokePortalLinks, async ({ ack, body, view, client }) => {
    const picked = selectedValue(view, FIELDS.contact) || ALL_CONTACTS;
    let meta;
    let message;
    try {
      meta = readModalMetadata(view, portalLinkModalMetadata);
      const actor = await actorOf(deps, body);
      const holders = await listPortalContacts(deps.ctx, {
        organizationId: actor.organizationId,
        accountId: meta.accountId,
        actor,
        doing: 'revoke portal links',
      });
      const contact = picked === ALL_CONTACTS ? undefined : holders.contacts.find((c) => c.id === picked);
      if (picked !== ALL_CONTACTS && !contact)
        throw new AppError('not_found', `that contact is no longer on ${holders.accountName}; nothing was revoked.`);
      const { revoked } = await revokePortalLink(deps.ctx, {
        organizationId: actor.organizationId,
        accountId: meta.accountId,
        contactEmail: contact?.email,
        actor,
      });
      message = buildPortalLinksRevokedMessage({
        accountName: holders.accountName,
        contactEmail: contact?.email,
        revoked,
      });
    } catch (error) {
      await ack(viewFailure(view, error, deps.logger, { title: 'Not revoked' }));
      return;
    }
    await ack();
    await replyAfterModal(deps, client, { slackUserId: body.user.id, responseUrl: meta.responseUrl }, message);
  });
}
