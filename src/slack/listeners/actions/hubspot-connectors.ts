import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { ListenerRegistry } from '../../listener-registry';
import type { ModalView } from '@slack/types';
import { getHubSpotRuleChoices } from '../../../services/hubspot/get-hubspot-rule-choices';
import { testHubSpotConnection } from '../../../services/hubspot/test-hubspot-connection';
import {
  buildHubSpotConnectModal,
  buildHubSpotRulesLoadingModal,
  buildHubSpotRulesModal,
} from '../../blocks/hubspot-modals';
import { buildRefusalModal } from '../../blocks/refusal-modal';
import type { SlackDeps } from '../../deps';
import { errorText } from '../../error-text';
import { ACTIONS } from '../../ids';
import { connectorsScreen, hubspotDepsOf } from '../../subcommands/connectors-screen';
import { actorOf } from '../interaction';

type Click = BlockAction<ButtonAction>;

/**
 * Settings → Connectors and HubSpot's buttons in it. Connectors opens from the Settings modal (pushed on top of it)
 * or from the admin part of App Home; the services refuse anyone but an admin, and the refusal opens in its place.
 * Test and Rules call HubSpot, which may take longer than a trigger id lives, so they answer Slack first and fill
 * the modal in afterwards.
 */
export function registerHubSpotConnectors(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<Click>(ACTIONS.hubspotOpenConnectors, async ({ ack, body, client }) => {
    await ack();
    // From the Settings modal it goes on top of it; from App Home (whose view is not a modal) it opens.
    const open = (view: ModalView) =>
      body.view?.type === 'modal'
        ? client.views.push({ trigger_id: body.trigger_id, view })
        : client.views.open({ trigger_id: body.trigger_id, view });
    try {
      await open(await connectorsScreen(deps, await actorOf(deps, body)));
    } catch (error) {
      await open(buildRefusalModal('Connectors', errorText(error, deps.logger)));
    }
  });

  app.action<Click>(ACTIONS.hubspotTest, async ({ ack, body, client }) => {
    await ack();
    const viewId = body.view?.id;
    if (!viewId) return;
    let view: ModalView;
    try {
      const actor = await actorOf(deps, body);
      const result = await testHubSpotConnection(deps.ctx, hubspotDepsOf(deps), {
        organizationId: actor.organizationId,
        actor,
      });
      view = await connectorsScreen(deps, actor, { ok: result.ok, text: result.message });
    } catch (error) {
      view = buildRefusalModal('Connectors', errorText(error, deps.logger));
    }
    await client.views.update({ view_id: viewId, view });
  });

  app.action<Click>(ACTIONS.hubspotConnect, async ({ ack, body, client }) => {
    await ack();
    await client.views.push({ trigger_id: body.trigger_id, view: buildHubSpotConnectModal() });
  });

  app.action<Click>(ACTIONS.hubspotRules, async ({ ack, body, client }) => {
    await ack();
    const pushed = await client.views.push({ trigger_id: body.trigger_id, view: buildHubSpotRulesLoadingModal() });
    const viewId = pushed.view?.id;
    if (!viewId) return;
    let view: ModalView;
    try {
      const actor = await actorOf(deps, body);
      const choices = await getHubSpotRuleChoices(deps.ctx, hubspotDepsOf(deps), {
        organizationId: actor.organizationId,
        actor,
      });
      view = buildHubSpotRulesModal(choices);
    } catch (error) {
      view = buildRefusalModal('HubSpot rules', errorText(error, deps.logger));
    }
    await client.views.update({ view_id: viewId, view });
  });
}
