import type { ListenerRegistry } from '../../listener-registry';
import { AppError } from '../../../lib/errors';
import { getAccountOverview } from '../../../services/accounts/get-account-overview';
import { checkPermission } from '../../../services/permissions/check-permission';
import { buildContactModal } from '../../blocks/contact-modal';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { actorOf, buttonValue, tellUser, type ThreadClick } from '../interaction';
import { readContactButton } from './contact-button';

/** Add contact and a contact's Edit on the account card: the contact modal, empty or filled in. */
export function registerOpenContactModal(app: ListenerRegistry, deps: SlackDeps): void {
  const ids = new RegExp(`^(${ACTIONS.addContact}|${ACTIONS.editContact})$`);
  app.action<ThreadClick>(ids, async ({ ack, body, respond, client, action }) => {
    await ack();
    try {
      const actor = await actorOf(deps, body);
      const organizationId = actor.organizationId;
      const editing = action.action_id === ACTIONS.editContact;
      const { accountId, contactId } = editing
        ? readContactButton(buttonValue(body))
        : { accountId: buttonValue(body), contactId: undefined };
      await checkPermission(deps.ctx, {
        organizationId,
        actor,
        target: { accountId },
        doing: "change the account's contacts",
      });
      const a = await getAccountOverview(deps.ctx, { organizationId, accountId });
      const contact = contactId === undefined ? undefined : a.contacts.find((c) => c.id === contactId);
      if (contactId !== undefined && !contact)
        throw new AppError('not_found', 'that contact is no longer on the account.');
      await client.views.open({
        trigger_id: body.trigger_id,
        view: buildContactModal({ accountId, accountName: a.name, contact, responseUrl: body.response_url }),
      });
    } catch (error) {
      await tellUser(deps, respond, error);
    }
  });
}
