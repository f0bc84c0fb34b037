import type { ViewSubmitAction } from '@slack/bolt';
import type { ListenerRegistry } from '../../listener-registry';
import { getHubSpotRuleChoices } from '../../../services/hubspot/get-hubspot-rule-choices';
import { setHubSpotRules } from '../../../services/hubspot/set-hubspot-rules';
import { buildHubSpotRulesSavedModal } from '../../blocks/hubspot-modals';
import type { SlackDeps } from '../../deps';
import { VIEWS } from '../../ids';
import { connectorsScreen, hubspotDepsOf } from '../../subcommands/connectors-screen';
import { actorOf } from '../interaction';
import { readHubSpotRulesForm, RULES_BLOCK_OF_FIELD } from './hubspot-rules-form';
import { viewFailure } from './view-failure';

/**
 * Saves the HubSpot rules, all or nothing: a refused rule is shown under its field; once saved, the modal says the
 * rules in words, and the Connectors modal below it shows them too.
 */
export function registerHubSpotRulesSubmit(app: ListenerRegistry, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(VIEWS.hubspotRules, async ({ ack, body, view, client }) => {
    try {
      const actor = await actorOf(deps, body);
      const hubspot = hubspotDepsOf(deps);
      // The CSMs by email, for the owner → CSM lines; no HubSpot call (pipelines come from the form's metadata).
      const { csms } = await getHubSpotRuleChoices(deps.ctx, hubspot, {
        organizationId: actor.organizationId,
        actor,
        withPipelines: false,
      });
      const rules = readHubSpotRulesForm(view, csms);
      const saved = await setHubSpotRules(deps.ctx, hubspot, { organizationId: actor.organizationId, actor, rules });
      await ack({ response_action: 'update', view: buildHubSpotRulesSavedModal(saved.described) });
      if (view.previous_view_id)
        await client.views.update({ view_id: view.previous_view_id, view: await connectorsScreen(deps, actor) });
    } catch (error) {
      await ack(viewFailure(view, error, deps.logger, { title: 'Not saved', blockOfField: RULES_BLOCK_OF_FIELD }));
    }
  });
}
