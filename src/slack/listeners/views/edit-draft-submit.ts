import type { App } from '@slack/bolt';
import { isAppError } from '../../../lib/errors';
import { editDraft } from '../../../services/review/edit-draft';
import type { SlackDeps } from '../../deps';
import { errorText } from '../../error-text';
import { FIELDS, VIEWS } from '../../ids';
import { actorOf } from '../interaction';
import { refreshCard } from '../actions/refresh-card';
import { inputValue, readMetadata } from './view-input';

/** Saves an edited draft. Empty fields and refusals come back as inline errors, so the CSM's text is not lost. */
export function registerEditDraftSubmit(app: App, deps: SlackDeps): void {
  app.view(VIEWS.editDraft, async ({ ack, body, view }) => {
    const meta = readMetadata(view);
    const hasSubject = view.blocks.some((b) => b.block_id === FIELDS.subject);
    const subject = inputValue(view, FIELDS.subject);
    const draftBody = inputValue(view, FIELDS.body);
    const errors: Record<string, string> = {};
    if (hasSubject && !subject) errors[FIELDS.subject] = 'The subject cannot be empty.';
    if (!draftBody) errors[FIELDS.body] = 'The body cannot be empty.';
    if (Object.keys(errors).length) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    try {
      const actor = await actorOf(deps, body);
      await editDraft(deps.ctx, {
        organizationId: actor.organizationId,
        actionId: meta.id,
        actor,
        subject,
        body: draftBody,
      });
    } catch (error) {
      await ack({
        response_action: 'errors',
        errors: {
          [FIELDS.body]: errorText(error, deps.logger)
            .replace(/^:warning: /, '')
            .slice(0, 300),
        },
      });
      if (!isAppError(error)) deps.logger.error({ err: error }, 'edit draft failed');
      return;
    }
    await ack();
    await refreshCard(deps, meta.id, { container: undefined }).catch((error) =>
      deps.logger.error({ err: error }, 'could not refresh the review card'),
    );
  });
}
