import type { ListenerRegistry } from '../../listener-registry';
import { removeContact } from '../../../services/contacts/remove-contact';
import { buildRefusalModal } from '../../blocks/refusal-modal';
import type { SlackDeps } from '../../deps';
import { errorText } from '../../error-text';
import { ACTIONS } from '../../ids';
import { refreshAccountCard } from '../account-card-refresh';
import { actorOf, buttonValue, type ThreadClick } from '../interaction';
import { readContactButton } from './contact-button';

/**
 * A contact's Remove on the account card, after Slack's confirmation dialog. A refusal (the only contact of an
 * account with open portal requests) opens a modal with the reason; otherwise the card is shown again without them.
 */
export function registerRemoveContact(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<ThreadClick>(ACTIONS.removeContact, async ({ ack, body, respond, client }) => {
    await ack();
    let place;
    try {
      const actor = await actorOf(deps, body);
      const { accountId, contactId } = readContactButton(buttonValue(body));
      await removeContact(deps.ctx, { organizationId: actor.organizationId, actor, contactId });
      place = { organizationId: actor.organizationId, accountId };
    } catch (error) {
      await client.views.open({
        trigger_id: body.trigger_id,
        view: buildRefusalModal('Not removed', errorText(error, deps.logger)),
      });
      return;
    }
    await refreshAccountCard(deps, { ...place, respond: { fn: respond, replace: true } });
  });
}
