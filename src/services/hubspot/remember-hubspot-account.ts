import type { ServiceContext } from '../context';
import { changeHubSpotState } from './hubspot-connection';
import type { HubSpotDeps } from './hubspot-deps';

/** Keeps which HubSpot account (portal) the token reaches, learned on the way, without touching the status. */
export async function rememberHubSpotAccount(
  ctx: ServiceContext,
  deps: HubSpotDeps,
  o: { organizationId: string; portalId: string; uiDomain: string | null },
): Promise<void> {
  await ctx.prisma.$transaction((tx) =>
    changeHubSpotState(tx, deps, o.organizationId, (state) => ({
      state: { ...state, portalId: o.portalId, ...(o.uiDomain ? { uiDomain: o.uiDomain } : {}) },
      result: undefined,
    })),
  );
}
