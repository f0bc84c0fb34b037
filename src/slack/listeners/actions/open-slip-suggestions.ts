import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { ListenerRegistry } from '../../listener-registry';
import type { ModalView } from '@slack/types';
import { buildRefusalModal } from '../../blocks/refusal-modal';
import type { SlackDeps } from '../../deps';
import { errorText } from '../../error-text';
import { ACTIONS } from '../../ids';
import { actorOf } from '../interaction';
import { slipSuggestionsScreen } from '../../subcommands/slip-suggestions-screen';

/**
 * Template suggestions (the analytics view's button): the modal of the steps that slip most. A button value
 * `template:<template id>` limits it to that template (the analytics filtered to one); any other value means all. From a modal it is pushed on top of it, so Close
 * goes back; from App Home it opens. A refusal opens as a small modal with the reason.
 */
function templateOf(value: string | undefined): string | null {
  const match = /^template:(.+)$/.exec(value ?? '');
  return match ? match[1]! : null;
}

export function registerOpenSlipSuggestions(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(ACTIONS.openSlipSuggestions, async ({ ack, body, action, client }) => {
    await ack();
    const show = (view: ModalView) =>
      body.view?.type === 'modal'
        ? client.views.push({ trigger_id: body.trigger_id, view })
        : client.views.open({ trigger_id: body.trigger_id, view });
    let view: ModalView;
    try {
      view = await slipSuggestionsScreen(deps, await actorOf(deps, body), { templateId: templateOf(action.value) });
    } catch (error) {
      view = buildRefusalModal('Template suggestions', errorText(error, deps.logger));
    }
    await show(view);
  });
}
