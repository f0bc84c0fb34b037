import type { ServiceContext } from '../context';
import { changeHubSpotState } from './hubspot-connection';
import type { HubSpotDeps } from './hubspot-deps';

export type HubSpotActivity = 'connect' | 'test' | 'sync' | 'webhook';

export interface HubSpotOutcome {
  organizationId: string;
  during: HubSpotActivity;
  /** What went wrong, in words; absent when the work succeeded. */
  error?: string;
  /** A finished sync: when it finished, and the time the next one searches from. */
  syncedAt?: Date;
  syncFrom?: Date;
  /** What HubSpot said about itself (account info), when the work asked. */
  portalId?: string;
  uiDomain?: string | null;
}

/**
 * Writes what happened with HubSpot into the connector status: the last success or the last error in words, the
 * last sync, the HubSpot account id. A success clears an earlier error of the same kind of work (and a sync or a
 * Test clears any), so the status shows what is wrong now.
 */
export async function recordHubSpotOutcome(
  ctx: ServiceContext,
  deps: HubSpotDeps,
  outcome: HubSpotOutcome,
): Promise<void> {
  const at = ctx.now().toISOString();
  await ctx.prisma.$transaction((tx) =>
    changeHubSpotState(tx, deps, outcome.organizationId, (state) => {
      const status = { ...state.status };
      if (outcome.during === 'webhook') status.lastWebhookAt = at;
      if (outcome.error) {
        status.lastError = { message: outcome.error.slice(0, 500), at, during: outcome.during };
      } else {
        status.lastSuccessAt = at;
        const clears = outcome.during !== 'webhook' || status.lastError?.during === 'webhook';
        if (clears) delete status.lastError;
      }
      if (outcome.syncedAt) status.lastSyncAt = outcome.syncedAt.toISOString();
      if (outcome.syncFrom) status.syncFrom = outcome.syncFrom.toISOString();
      return {
        state: {
          ...state,
          status,
          ...(outcome.portalId ? { portalId: outcome.portalId } : {}),
          ...(outcome.uiDomain ? { uiDomain: outcome.uiDomain } : {}),
        },
        result: undefined,
      };
    }),
  );
}
