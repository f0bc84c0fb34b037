import type { ViewSubmitAction } from '@slack/bolt';
import type { ListenerRegistry } from '../../listener-registry';
import { requestChanges } from '../../../services/review/request-changes';
import type { SlackDeps } from '../../deps';
import { FIELDS, VIEWS } from '../../ids';
import { actorOf } from '../interaction';
import { refreshCard } from '../actions/refresh-card';
import { readModalMetadata, recordModalMetadata } from './modal-metadata';
import { viewFailure } from './view-failure';
import { inputValue } from './view-input';

/** Sends a draft back with a note (ready → review pending), then asks the drafter for a new one when it is wired. */
export function registerRequestChangesSubmit(app: ListenerRegistry, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(VIEWS.requestChanges, async ({ ack, body, view }) => {
    const note = inputValue(view, FIELDS.note);
    if (!note) {
      await ack({ response_action: 'errors', errors: { [FIELDS.note]: 'Say what should change.' } });
      return;
    }
    let actionId: string;
    try {
      actionId = readModalMetadata(view, recordModalMetadata).id;
      const actor = await actorOf(deps, body);
      await requestChanges(deps.ctx, { organizationId: actor.organizationId, actionId, actor, note });
    } catch (error) {
      await ack(
        viewFailure(view, error, deps.logger, {
          title: 'Not sent back',
          field: FIELDS.note,
          blockOfField: { note: FIELDS.note },
        }),
      );
      return;
    }
    await ack();
    await refreshCard(deps, actionId).catch((error) =>
      deps.logger.error({ err: error }, 'could not refresh the review card'),
    );
    const redraft = deps.workflows.redraftAction;
    if (redraft) {
      // Redrafting may call an AI model: it runs after the modal has closed, and the card follows it.
      await redraft(actionId, note)
        .then(() => refreshCard(deps, actionId))
        .catch((error) => deps.logger.error({ err: error, actionId }, 'redraft failed'));
    }
  });
}
