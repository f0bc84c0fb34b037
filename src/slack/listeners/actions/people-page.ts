import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { ListenerRegistry } from '../../listener-registry';
import { z } from 'zod';
import { buildRefusalModal } from '../../blocks/refusal-modal';
import type { SlackDeps } from '../../deps';
import { errorText } from '../../error-text';
import { ACTIONS } from '../../ids';
import { peopleScreen } from '../../subcommands/admin-commands';
import { actorOf } from '../interaction';

/** The index of the first person of the page to show, as the button carries it; anything else is the first page. */
const offsetSchema = z.coerce.number().int().min(0).catch(0);

/**
 * Previous and Next in the People modal: the modal is rebuilt in place on that page, read from the services again,
 * so someone added or removed meanwhile is counted.
 */
export function registerPeoplePage(app: ListenerRegistry, deps: SlackDeps): void {
  for (const actionId of [ACTIONS.peoplePrevious, ACTIONS.peopleNext]) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, client }) => {
      await ack();
      const viewId = body.view?.id;
      if (!viewId) return;
      let view;
      try {
        view = await peopleScreen(deps, await actorOf(deps, body), undefined, {
          offset: offsetSchema.parse(action.value),
        });
      } catch (error) {
        view = buildRefusalModal('People', errorText(error, deps.logger));
      }
      await client.views.update({ view_id: viewId, view });
    });
  }
}
