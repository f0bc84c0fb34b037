import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { ListenerRegistry } from '../../listener-registry';
import type { ModalView } from '@slack/types';
import { isAppError } from '../../../lib/errors';
import { applySlipSuggestion } from '../../../services/templates/apply-slip-suggestion';
import { buildRefusalModal } from '../../blocks/refusal-modal';
import type { SlackDeps } from '../../deps';
import { errorText } from '../../error-text';
import { ACTIONS } from '../../ids';
import { actorOf } from '../interaction';
import { readSuggestionsTemplate, slipSuggestionsScreen } from '../../subcommands/slip-suggestions-screen';

/**
 * Accept beside a suggestion: the service decides who may (admins) and whether it still applies, then the modal is
 * rebuilt in place from the services, with what happened, or why not, at the top.
 */
export function registerAcceptSlipSuggestion(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(ACTIONS.acceptSlipSuggestion, async ({ ack, body, action, client }) => {
    await ack();
    const viewId = body.view?.id;
    if (!viewId) return;
    let notice: string;
    let view: ModalView;
    try {
      const actor = await actorOf(deps, body);
      try {
        const applied = await applySlipSuggestion(deps.ctx, {
          organizationId: actor.organizationId,
          actor,
          suggestionId: action.value ?? '',
        });
        notice =
          `✅ Accepted: "${applied.templateName}" is now v${applied.toVersion} (${applied.suggestion.changeWords}). ` +
          'Accounts already running keep their plan; new accounts get the change.';
      } catch (error) {
        // The builder escapes the notice, so the sentence goes in as written; an unexpected error is logged once.
        notice = isAppError(error) ? `⚠️ ${error.userMessage}` : errorText(error, deps.logger);
      }
      view = await slipSuggestionsScreen(deps, actor, {
        templateId: readSuggestionsTemplate(body.view?.private_metadata),
        notice,
      });
    } catch (error) {
      view = buildRefusalModal('Template suggestions', errorText(error, deps.logger));
    }
    await client.views.update({ view_id: viewId, view });
  });
}
