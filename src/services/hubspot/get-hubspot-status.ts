import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { actingPersonSchema, assertCapability, loadActingPerson } from '../people/acting-person';
import { describeHubSpotRules } from './describe-hubspot-rules';
import { loadHubSpotConnection, loadHubSpotState } from './hubspot-connection';
import type { HubSpotDeps } from './hubspot-deps';
import { getHubSpotWriteBackStatus, type HubSpotWriteBackStatus } from './get-hubspot-write-back-status';

const optionsSchema = z.object({ organizationId: z.string().min(1), actor: actingPersonSchema });

export interface HubSpotStatus {
  connected: boolean;
  /** Where the token comes from, when connected. */
  source: 'settings' | 'environment' | null;
  /** Why not connected, in words, with what to do. */
  notConnected: string | null;
  portalId: string | null;
  /** Webhooks can be verified (a client secret is known). */
  webhooks: boolean;
  lastSyncAt: Date | null;
  lastSuccessAt: Date | null;
  lastWebhookAt: Date | null;
  lastError: { message: string; at: Date; during: string } | null;
  /** The rules, one line each, in words. */
  rules: string[];
  /** Writing the onboarding back to the HubSpot companies (services/hubspot/write-back). */
  writeBack: HubSpotWriteBackStatus;
}

const date = (iso: string | undefined) => (iso ? new Date(iso) : null);

/** The HubSpot connector's status for Settings → Connectors and `thread hubspot status` (admins only). */
export async function getHubSpotStatus(
  ctx: ServiceContext,
  deps: HubSpotDeps,
  input: z.input<typeof optionsSchema>,
): Promise<HubSpotStatus> {
  const o = parseOptions(optionsSchema, input);
  const person = await loadActingPerson(ctx.prisma, o.organizationId, o.actor);
  assertCapability(person, 'manage_connectors', 'see the connectors');
  const connection = await loadHubSpotConnection(ctx.prisma, deps, o.organizationId);
  const state = connection?.state ?? (await loadHubSpotState(ctx.prisma, o.organizationId));
  const s = state.status;
  const notConnected = connection
    ? null
    : deps.environment?.accessToken
      ? 'HUBSPOT_ACCESS_TOKEN is set, but Thread serves several organisations, so each connects its own HubSpot: an admin pastes a private app token in Settings → Connectors.'
      : 'No HubSpot token yet: an admin pastes a HubSpot private app token in Settings → Connectors (or the operator sets HUBSPOT_ACCESS_TOKEN).';
  return {
    connected: connection !== null,
    source: connection?.source ?? null,
    notConnected,
    portalId: state.portalId ?? null,
    webhooks: Boolean(connection?.clientSecret),
    lastSyncAt: date(s.lastSyncAt),
    lastSuccessAt: date(s.lastSuccessAt),
    lastWebhookAt: date(s.lastWebhookAt),
    lastError: s.lastError ? { ...s.lastError, at: new Date(s.lastError.at) } : null,
    rules: await describeHubSpotRules(ctx, o.organizationId, state.rules),
    writeBack: await getHubSpotWriteBackStatus(ctx, { organizationId: o.organizationId }),
  };
}
