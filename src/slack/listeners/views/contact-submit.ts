import type { ViewSubmitAction } from '@slack/bolt';
import type { ListenerRegistry } from '../../listener-registry';
import { z } from 'zod';
import { CONTACT_ROLES } from '../../../domain/contact-rules';
import { addContact } from '../../../services/contacts/add-contact';
import { updateContact } from '../../../services/contacts/update-contact';
import type { SlackDeps } from '../../deps';
import { CONTACT_FIELDS as F, VIEWS } from '../../ids';
import { refreshAccountCard } from '../account-card-refresh';
import { actorOf } from '../interaction';
import { readModalMetadata } from './modal-metadata';
import { viewFailure } from './view-failure';
import { inputValue, selectedValue } from './view-input';

const metadataSchema = z.object({
  accountId: z.string().min(1),
  contactId: z.string().min(1).optional(),
  responseUrl: z.url({ protocol: /^https?$/ }).optional(),
});

/** The role picked; a value the modal never offered is left to the service to refuse. */
const roleSchema = z.enum(CONTACT_ROLES).optional().catch(undefined);

/** The contact services' option names → the modal's blocks, so each refusal shows under its field. */
const BLOCK_OF_FIELD: Record<string, string> = {
  name: F.name,
  email: F.email,
  title: F.title,
  role: F.role,
  slackUserId: F.slackUser,
};

/**
 * Adds or edits a contact. A bad or duplicate email, an over-long name or a primary that would be left without a
 * successor is refused under its field and nothing is saved; then the card shows the contacts again.
 */
export function registerContactSubmit(app: ListenerRegistry, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(VIEWS.contact, async ({ ack, body, view, client }) => {
    const fields = {
      name: inputValue(view, F.name),
      email: inputValue(view, F.email),
      title: inputValue(view, F.title) || null,
      role: roleSchema.parse(selectedValue(view, F.role) || undefined),
      slackUserId: view.state.values[F.slackUser]?.[F.slackUser]?.selected_user ?? null,
    };
    let meta: z.output<typeof metadataSchema>;
    let organizationId: string;
    try {
      meta = readModalMetadata(view, metadataSchema);
      const actor = await actorOf(deps, body);
      organizationId = actor.organizationId;
      if (meta.contactId) {
        await updateContact(deps.ctx, { organizationId, actor, contactId: meta.contactId, changes: fields });
      } else {
        await addContact(deps.ctx, { organizationId, actor, accountId: meta.accountId, ...fields });
      }
    } catch (error) {
      await ack(viewFailure(view, error, deps.logger, { title: 'Not saved', blockOfField: BLOCK_OF_FIELD }));
      return;
    }
    await ack();
    await refreshAccountCard(deps, {
      organizationId,
      accountId: meta.accountId,
      afterModal: { client, slackUserId: body.user.id, responseUrl: meta.responseUrl },
    }).catch((error) => deps.logger.error({ err: error }, 'contact saved, but the card could not be refreshed'));
  });
}
