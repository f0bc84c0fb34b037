/** Settings → Connectors as a person may see it now: built from the services each time it is shown. */
import type { ModalView } from '@slack/types';
import { AppError } from '../../lib/errors';
import { getHubSpotStatus } from '../../services/hubspot/get-hubspot-status';
import type { HubSpotDeps } from '../../services/hubspot/hubspot-deps';
import type { SlackActor } from '../../services/users/resolve-slack-actor';
import { buildConnectorsModal, type ConnectorsNotice } from '../blocks/hubspot-modals';
import type { SlackDeps } from '../deps';

export function hubspotDepsOf(deps: SlackDeps): HubSpotDeps {
  if (!deps.hubspot)
    throw new AppError(
      'not_configured',
      'HubSpot cannot be set up from this Thread process (it has no encryption key).',
    );
  return deps.hubspot;
}

/** The Connectors modal as this admin may see it now, with a Test result or another notice on top. */
export async function connectorsScreen(
  deps: SlackDeps,
  actor: SlackActor,
  notice?: ConnectorsNotice,
): Promise<ModalView> {
  const status = await getHubSpotStatus(deps.ctx, hubspotDepsOf(deps), { organizationId: actor.organizationId, actor });
  return buildConnectorsModal(status, { publicUrl: deps.publicUrl, notice });
}
