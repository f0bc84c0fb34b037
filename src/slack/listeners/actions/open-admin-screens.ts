import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { ListenerRegistry } from '../../listener-registry';
import { buildRefusalModal } from '../../blocks/refusal-modal';
import type { SlackDeps } from '../../deps';
import { errorText } from '../../error-text';
import { ACTIONS } from '../../ids';
import { openSettings, peopleScreen } from '../../subcommands/admin-commands';
import { actorOf } from '../interaction';

/**
 * The Settings and People buttons in the admin part of App Home. The Home tab has no reply channel, so a refusal
 * opens as a small modal with the reason.
 */
export function registerOpenAdminScreens(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(ACTIONS.openSettings, async ({ ack, body, client }) => {
    await ack();
    const open = (view: Parameters<typeof client.views.open>[0]['view']) =>
      client.views.open({ trigger_id: body.trigger_id, view });
    try {
      const instead = await openSettings(deps, await actorOf(deps, body), open);
      if (instead) await open(buildRefusalModal('Settings', instead.text));
    } catch (error) {
      await open(buildRefusalModal('Settings', errorText(error, deps.logger)));
    }
  });
  app.action<BlockAction<ButtonAction>>(ACTIONS.openPeople, async ({ ack, body, client }) => {
    await ack();
    try {
      await client.views.open({
        trigger_id: body.trigger_id,
        view: await peopleScreen(deps, await actorOf(deps, body)),
      });
    } catch (error) {
      await client.views.open({
        trigger_id: body.trigger_id,
        view: buildRefusalModal('People', errorText(error, deps.logger)),
      });
    }
  });
}
