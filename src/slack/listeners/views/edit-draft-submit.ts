import type { ViewSubmitAction } from '@slack/bolt';
import type { ListenerRegistry } from '../../listener-registry';
import { editDraft } from '../../../services/review/edit-draft';
import type { SlackDeps } from '../../deps';
import { FIELDS, VIEWS } from '../../ids';
import { actorOf } from '../interaction';
import { refreshCard } from '../actions/refresh-card';
import { readModalMetadata, recordModalMetadata } from './modal-metadata';
import { viewFailure } from './view-failure';
import { hasBlock, inputValue } from './view-input';

/** Saves an edited draft. Empty fields and refusals come back as inline errors, so the CSM's text is not lost. */
export function registerEditDraftSubmit(app: ListenerRegistry, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(VIEWS.editDraft, async ({ ack, body, view }) => {
    const subject = inputValue(view, FIELDS.subject);
    const draftBody = inputValue(view, FIELDS.body);
    const errors: Record<string, string> = {};
    if (hasBlock(view, FIELDS.subject) && !subject) errors[FIELDS.subject] = 'The subject cannot be empty.';
    if (!draftBody) errors[FIELDS.body] = 'The body cannot be empty.';
    if (Object.keys(errors).length) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    let actionId: string;
    try {
      actionId = readModalMetadata(view, recordModalMetadata).id;
      const actor = await actorOf(deps, body);
      await editDraft(deps.ctx, { organizationId: actor.organizationId, actionId, actor, subject, body: draftBody });
    } catch (error) {
      await ack(
        viewFailure(view, error, deps.logger, {
          title: 'Not saved',
          field: FIELDS.body,
          blockOfField: { subject: FIELDS.subject, body: FIELDS.body },
        }),
      );
      return;
    }
    await ack();
    await refreshCard(deps, actionId).catch((error) =>
      deps.logger.error({ err: error }, 'could not refresh the review card'),
    );
  });
}
