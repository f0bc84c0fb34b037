import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { loadHubSpotConnection, type HubSpotConnection } from './hubspot-connection';
import type { HubSpotDeps } from './hubspot-deps';
import type { HubSpotPipeline, HubSpotPort } from './hubspot-port';
import { rememberHubSpotAccount } from './remember-hubspot-account';
import { wantedDealProperties, type WantedDealProperties } from './deal-facts';

/**
 * One organisation's HubSpot for one batch of work (a webhook delivery, a sync): the connection, the port, and what
 * is read once per batch rather than once per deal (the pipelines, the HubSpot account id, the properties wanted).
 */
export interface HubSpotSession {
  organizationId: string;
  connection: HubSpotConnection;
  hubspot: HubSpotPort;
  wanted: WantedDealProperties;
  pipelines(): Promise<HubSpotPipeline[]>;
  portalId(): Promise<string>;
}

export async function openHubSpotSession(
  ctx: ServiceContext,
  deps: HubSpotDeps,
  organizationId: string,
): Promise<HubSpotSession> {
  const connection = await loadHubSpotConnection(ctx.prisma, deps, organizationId);
  if (!connection)
    throw new AppError(
      'not_configured',
      'HubSpot is not connected: an admin pastes a private app token in Settings → Connectors.',
    );
  const hubspot = deps.connect(connection.credentials);
  const wanted = await wantedDealProperties(ctx.prisma, organizationId, connection.state.rules);
  let pipelines: Promise<HubSpotPipeline[]> | undefined;
  let portal: Promise<string> | undefined;
  return {
    organizationId,
    connection,
    hubspot,
    wanted,
    pipelines: () => (pipelines ??= hubspot.dealPipelines()),
    portalId: () =>
      (portal ??= connection.state.portalId
        ? Promise.resolve(connection.state.portalId)
        : hubspot.accountInfo().then(async (info) => {
            await rememberHubSpotAccount(ctx, deps, {
              organizationId,
              portalId: info.portalId,
              uiDomain: info.uiDomain,
            });
            return info.portalId;
          })),
  };
}
