import type { ViewSubmitAction } from '@slack/bolt';
import type { ListenerRegistry } from '../../listener-registry';
import { setReplyToEmail } from '../../../services/people/set-reply-to-email';
import type { SlackDeps } from '../../deps';
import { FIELDS, VIEWS } from '../../ids';
import { actorOf } from '../interaction';
import { readModalMetadata, recordModalMetadata } from './modal-metadata';
import { viewFailure } from './view-failure';
import { inputValue } from './view-input';

/** Saves the address customers reply to; a bad address is shown under the field, and the modal stays open. */
export function registerReplyToEmailSubmit(app: ListenerRegistry, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(VIEWS.replyToEmail, async ({ ack, body, view }) => {
    const address = inputValue(view, FIELDS.replyToEmail);
    if (!address) {
      await ack({
        response_action: 'errors',
        errors: { [FIELDS.replyToEmail]: 'Give the address customers reply to.' },
      });
      return;
    }
    try {
      const userId = readModalMetadata(view, recordModalMetadata).id;
      const actor = await actorOf(deps, body);
      await setReplyToEmail(deps.ctx, {
        organizationId: actor.organizationId,
        actor,
        userId,
        replyToEmail: address,
      });
    } catch (error) {
      await ack(
        viewFailure(view, error, deps.logger, {
          title: 'Not saved',
          blockOfField: { replyToEmail: FIELDS.replyToEmail },
        }),
      );
      return;
    }
    await ack();
  });
}
