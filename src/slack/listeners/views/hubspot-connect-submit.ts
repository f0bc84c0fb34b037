import type { ViewSubmitAction } from '@slack/bolt';
import type { ListenerRegistry } from '../../listener-registry';
import type { ModalView } from '@slack/types';
import { connectHubSpot } from '../../../services/hubspot/connect-hubspot';
import {
  buildHubSpotCheckingModal,
  buildHubSpotConnectedModal,
  buildHubSpotConnectModal,
} from '../../blocks/hubspot-modals';
import type { SlackDeps } from '../../deps';
import { errorText } from '../../error-text';
import { HUBSPOT_FIELDS, VIEWS } from '../../ids';
import { connectorsScreen, hubspotDepsOf } from '../../subcommands/connectors-screen';
import { actorOf } from '../interaction';
import { inputValue } from './view-input';

/**
 * Connects HubSpot with the token an admin pasted. Checking it asks HubSpot, which may take longer than Slack waits
 * for an answer, so the modal first says it is checking; then it says which HubSpot account is connected (and the
 * Connectors modal below shows it), or shows the form again, empty, with why it was refused: a token is typed
 * once and never sent back to Slack.
 */
export function registerHubSpotConnectSubmit(app: ListenerRegistry, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(VIEWS.hubspotConnect, async ({ ack, body, view, client }) => {
    await ack({ response_action: 'update', view: buildHubSpotCheckingModal() });
    let screen: ModalView;
    try {
      const actor = await actorOf(deps, body);
      const connected = await connectHubSpot(deps.ctx, hubspotDepsOf(deps), {
        organizationId: actor.organizationId,
        actor,
        accessToken: inputValue(view, HUBSPOT_FIELDS.accessToken),
        clientSecret: inputValue(view, HUBSPOT_FIELDS.clientSecret),
      });
      screen = buildHubSpotConnectedModal(connected);
      if (view.previous_view_id)
        await client.views.update({ view_id: view.previous_view_id, view: await connectorsScreen(deps, actor) });
    } catch (error) {
      screen = buildHubSpotConnectModal(errorText(error, deps.logger).replace(/^:warning: /, ''));
    }
    await client.views.update({ view_id: view.id, view: screen });
  });
}
