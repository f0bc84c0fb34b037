/**
 * Where an organisation's HubSpot lives: its Connection row (kind hubspot). The token an admin pasted is sealed in
 * `credentials`; `config` holds what is not secret: the HubSpot account (portal) id, the admin's rules, and the
 * status (last sync, last error). In single-organisation mode the token comes from the environment instead and the
 * row, made on first use, holds only the rules and the status.
 *
 * The environment's token serves the organisation only while there is exactly one: with several, each connects
 * its own HubSpot in Settings, and the status says why the environment's is not used.
 */
import { z } from 'zod';
import { DEFAULT_HUBSPOT_RULES, hubspotRulesSchema } from '../../domain/hubspot-rules';
import type { ServiceContext, Tx } from '../context';
import { readStoredJson, toJsonInput } from '../json/stored-json';
import type { HubSpotDeps } from './hubspot-deps';
import type { HubSpotCredentials } from './hubspot-port';

const statusSchema = z.object({
  /** The last sync that finished (poll or `thread hubspot sync`). */
  lastSyncAt: z.string().optional(),
  /** Where the next sync's search starts: that sync's start, or the earliest deal it could not import. */
  syncFrom: z.string().optional(),
  /** The last call to HubSpot that worked, whatever made it. */
  lastSuccessAt: z.string().optional(),
  lastError: z.object({ message: z.string(), at: z.string(), during: z.string() }).optional(),
  lastWebhookAt: z.string().optional(),
});

export const hubspotStateSchema = z.object({
  portalId: z.string().optional(),
  uiDomain: z.string().optional(),
  rules: hubspotRulesSchema.default(DEFAULT_HUBSPOT_RULES),
  status: statusSchema.default({}),
  /** The CSM the round-robin rule gave the last account to. */
  roundRobinLastUserId: z.string().optional(),
});
export type HubSpotState = z.infer<typeof hubspotStateSchema>;

const sealedSchema = z.object({ accessToken: z.string().optional(), clientSecret: z.string().optional() });

export interface HubSpotConnection {
  organizationId: string;
  /** Where the token comes from: pasted in Settings (sealed in the database), or the environment. */
  source: 'settings' | 'environment';
  credentials: HubSpotCredentials;
  /** For webhook signatures; null when none was given (webhooks are then refused, the poll still works). */
  clientSecret: string | null;
  state: HubSpotState;
}

type Db = ServiceContext['prisma'] | Tx;

function readState(config: unknown, organizationId: string): HubSpotState {
  return readStoredJson(hubspotStateSchema, config ?? {}, {
    column: 'Connection.config',
    row: `the HubSpot connection of organisation ${organizationId}`,
  });
}

/** Whether the environment's HubSpot token belongs to this organisation: it is the only one. */
export async function environmentServes(db: Db, deps: HubSpotDeps, organizationId: string): Promise<boolean> {
  if (!deps.environment?.accessToken) return false;
  const orgs = await db.organization.findMany({ select: { id: true }, take: 2 });
  return orgs.length === 1 && orgs[0]!.id === organizationId;
}

/** The organisation's HubSpot, or null when it has none (no token in Settings, and the environment's is not its). */
export async function loadHubSpotConnection(
  db: Db,
  deps: HubSpotDeps,
  organizationId: string,
): Promise<HubSpotConnection | null> {
  const row = await db.connection.findUnique({
    where: { organizationId_kind: { organizationId, kind: 'hubspot' } },
    select: { credentials: true, config: true },
  });
  const state = readState(row?.config, organizationId);
  const sealed = row ? sealedSchema.parse(JSON.parse(deps.secrets.open(row.credentials))) : {};
  if (sealed.accessToken) {
    return {
      organizationId,
      source: 'settings',
      credentials: { accessToken: sealed.accessToken, baseUrl: deps.baseUrl },
      clientSecret: sealed.clientSecret ?? null,
      state,
    };
  }
  if (deps.environment?.accessToken && (await environmentServes(db, deps, organizationId))) {
    return {
      organizationId,
      source: 'environment',
      credentials: { accessToken: deps.environment.accessToken, baseUrl: deps.baseUrl },
      clientSecret: deps.environment.clientSecret ?? null,
      state,
    };
  }
  return null;
}

/** The stored state alone (rules and status), whether or not a token is there. */
export async function loadHubSpotState(db: Db, organizationId: string): Promise<HubSpotState> {
  const row = await db.connection.findUnique({
    where: { organizationId_kind: { organizationId, kind: 'hubspot' } },
    select: { config: true },
  });
  return readState(row?.config, organizationId);
}

/**
 * Changes the stored state under the row's lock, so a webhook, the poll and an admin saving rules never overwrite
 * each other's changes. Makes the row (with no token) when the organisation has none yet.
 */
export async function changeHubSpotState<T>(
  tx: Tx,
  deps: HubSpotDeps,
  organizationId: string,
  change: (state: HubSpotState) => { state: HubSpotState; result: T },
): Promise<T> {
  await tx.connection.upsert({
    where: { organizationId_kind: { organizationId, kind: 'hubspot' } },
    create: {
      organizationId,
      kind: 'hubspot',
      label: 'HubSpot',
      credentials: deps.secrets.seal(JSON.stringify({})),
      config: toJsonInput(hubspotStateSchema.parse({})),
    },
    update: {},
  });
  const rows = await tx.$queryRaw<{ id: string; config: unknown }[]>`
    SELECT "id", "config" FROM "Connection"
    WHERE "organizationId" = ${organizationId} AND "kind" = 'hubspot'::"ConnectorKind" FOR UPDATE`;
  const row = rows[0]!;
  const { state, result } = change(readState(row.config, organizationId));
  await tx.connection.update({ where: { id: row.id }, data: { config: toJsonInput(hubspotStateSchema.parse(state)) } });
  return result;
}

/** Seals the token (and the client secret) an admin pasted, in the form loadHubSpotConnection opens. */
export function sealCredentials(deps: HubSpotDeps, token: string, clientSecret: string | null): string {
  return deps.secrets.seal(JSON.stringify({ accessToken: token, ...(clientSecret ? { clientSecret } : {}) }));
}

/** The organisation whose HubSpot account this is (a webhook's portalId), or null when none connected it. */
export async function findOrganizationForPortal(
  ctx: ServiceContext,
  deps: HubSpotDeps,
  portalId: string,
): Promise<HubSpotConnection | null> {
  const rows = await ctx.prisma.connection.findMany({
    where: { kind: 'hubspot', config: { path: ['portalId'], equals: portalId } },
    select: { organizationId: true },
    take: 2,
  });
  for (const row of rows) {
    const connection = await loadHubSpotConnection(ctx.prisma, deps, row.organizationId);
    if (connection) return connection;
  }
  // Single-organisation mode before the first Test or sync learned the portal id: the only organisation.
  if (!deps.environment?.accessToken) return null;
  const orgs = await ctx.prisma.organization.findMany({ select: { id: true }, take: 2 });
  if (orgs.length !== 1) return null;
  const only = await loadHubSpotConnection(ctx.prisma, deps, orgs[0]!.id);
  return only && (only.state.portalId === undefined || only.state.portalId === portalId) ? only : null;
}
