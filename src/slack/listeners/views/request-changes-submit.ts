import type { App } from '@slack/bolt';
import { requestChanges } from '../../../services/review/request-changes';
import type { SlackDeps } from '../../deps';
import { errorText } from '../../error-text';
import { FIELDS, VIEWS } from '../../ids';
import { actorOf } from '../interaction';
import { refreshCard } from '../actions/refresh-card';
import { inputValue, readMetadata } from './view-input';

/** Sends a draft back with a note (ready → review pending), then asks the drafter for a new one when it is wired. */
export function registerRequestChangesSubmit(app: App, deps: SlackDeps): void {
  app.view(VIEWS.requestChanges, async ({ ack, body, view }) => {
    const meta = readMetadata(view);
    const note = inputValue(view, FIELDS.note);
    if (!note) {
      await ack({ response_action: 'errors', errors: { [FIELDS.note]: 'Say what should change.' } });
      return;
    }
    try {
      const actor = await actorOf(deps, body);
      await requestChanges(deps.ctx, { organizationId: actor.organizationId, actionId: meta.id, actor, note });
    } catch (error) {
      await ack({
        response_action: 'errors',
        errors: {
          [FIELDS.note]: errorText(error, deps.logger)
            .replace(/^:warning: /, '')
            .slice(0, 300),
        },
      });
      return;
    }
    await ack();
    await refreshCard(deps, meta.id, {}).catch((error) =>
      deps.logger.error({ err: error }, 'could not refresh the review card'),
    );
    const redraft = deps.workflows.redraftAction;
    if (redraft) {
      // Redrafting may call an AI model: it runs after the modal has closed, and the card follows it.
      await redraft(meta.id, note)
        .then(() => refreshCard(deps, meta.id, {}))
        .catch((error) => deps.logger.error({ err: error, actionId: meta.id }, 'redraft failed'));
    }
  });
}
