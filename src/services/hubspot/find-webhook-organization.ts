import type { ServiceContext } from '../context';
import { findOrganizationForPortal } from './hubspot-connection';
import type { HubSpotDeps } from './hubspot-deps';

/**
 * Whose webhook this is: the organisation that connected the HubSpot account (portal) the events name, and the
 * client secret its signature must verify with (null when none was given: its webhooks are refused). Null when no
 * organisation connected that HubSpot account.
 */
export async function findWebhookOrganization(
  ctx: ServiceContext,
  deps: HubSpotDeps,
  portalId: string,
): Promise<{ organizationId: string; clientSecret: string | null } | null> {
  const connection = await findOrganizationForPortal(ctx, deps, portalId);
  return connection ? { organizationId: connection.organizationId, clientSecret: connection.clientSecret } : null;
}
