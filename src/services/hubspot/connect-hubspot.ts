import { z } from 'zod';
import { AppError, isAppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { fieldError } from '../errors/field-errors';
import { parseOptions } from '../errors/parse-options';
import { actingPersonSchema, assertCapability, loadActingPerson } from '../people/acting-person';
import { changeHubSpotState, sealCredentials } from './hubspot-connection';
import type { HubSpotDeps } from './hubspot-deps';
import { ensureHubSpotProperties } from './ensure-hubspot-properties';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  actor: actingPersonSchema,
  /** A HubSpot private app's access token. */
  accessToken: z
    .string()
    .trim()
    .min(1, 'Paste the private app’s access token.')
    .max(500, 'That is longer than any HubSpot access token.')
    .refine((t) => !/\s/.test(t), 'An access token has no spaces in it.'),
  /** The private app's client secret, which signs its webhooks; without it webhooks are refused (the poll works). */
  clientSecret: z
    .string()
    .trim()
    .max(200, 'That is longer than any HubSpot client secret.')
    .optional()
    .transform((s) => (s ? s : undefined)),
});

export interface HubSpotConnected {
  portalId: string;
  webhooks: boolean;
}

/**
 * Connects the organisation's HubSpot (admins only): the token is tried first (account details, one harmless call),
 * so a wrong or revoked token is refused under its field and nothing is stored; then it is sealed with
 * THREAD_ENCRYPTION_KEY into the organisation's Connection, replacing any earlier one. The token is never logged,
 * audited or shown again; the audit trail records that HubSpot account N was connected.
 */
export async function connectHubSpot(
  ctx: ServiceContext,
  deps: HubSpotDeps,
  input: z.input<typeof optionsSchema>,
): Promise<HubSpotConnected> {
  const o = parseOptions(optionsSchema, input);
  const person = await loadActingPerson(ctx.prisma, o.organizationId, o.actor);
  assertCapability(person, 'manage_connectors', 'connect HubSpot');

  let portalId: string;
  let uiDomain: string | null;
  try {
    ({ portalId, uiDomain } = await deps.connect({ accessToken: o.accessToken, baseUrl: deps.baseUrl }).accountInfo());
  } catch (error) {
    if (isAppError(error) && error.code === 'connector_failed') throw fieldError('accessToken', error.message);
    throw error;
  }

  const elsewhere = await ctx.prisma.connection.findFirst({
    where: {
      kind: 'hubspot',
      organizationId: { not: o.organizationId },
      config: { path: ['portalId'], equals: portalId },
    },
    select: { organization: { select: { name: true } } },
  });
  // Webhooks name the HubSpot account, not the organisation: one account can feed only one organisation.
  if (elsewhere)
    throw new AppError(
      'conflict',
      `HubSpot account ${portalId} is already connected to ${elsewhere.organization.name} in Thread; one HubSpot account can be connected to one organisation.`,
      {
        fields: [
          { field: 'accessToken', message: `HubSpot account ${portalId} is already connected elsewhere in Thread.` },
        ],
      },
    );

  const now = ctx.now();
  await ctx.prisma.$transaction(async (tx) => {
    const before = await changeHubSpotState(tx, deps, o.organizationId, (state) => ({
      state: {
        ...state,
        portalId,
        ...(uiDomain ? { uiDomain } : {}),
        status: { ...state.status, lastSuccessAt: now.toISOString(), lastError: undefined },
      },
      result: state.portalId ?? null,
    }));
    await tx.connection.update({
      where: { organizationId_kind: { organizationId: o.organizationId, kind: 'hubspot' } },
      data: { credentials: sealCredentials(deps, o.accessToken, o.clientSecret ?? null) },
    });
    await recordAuditEvent(tx, {
      organizationId: o.organizationId,
      entityType: 'connection',
      entityId: `hubspot:${o.organizationId}`,
      actor: person.auditActor,
      from: before ? `hubspot ${before}` : null,
      to: `hubspot ${portalId}`,
      reason: o.clientSecret
        ? 'HubSpot connected, with webhooks'
        : 'HubSpot connected, without webhooks (no client secret)',
      at: now,
    });
  });
  // Thread's company properties, made now so the write-back starts from this moment. HubSpot refusing them here is
  // not the connection failing: the write-back makes them on its next run and shows any error in the status.
  await ensureHubSpotProperties(
    ctx,
    { hubspot: deps.connect({ accessToken: o.accessToken, baseUrl: deps.baseUrl }) },
    { organizationId: o.organizationId },
  ).catch((error: unknown) =>
    ctx.logger.warn({ err: error, organizationId: o.organizationId }, 'Thread’s HubSpot properties not made yet'),
  );
  return { portalId, webhooks: o.clientSecret !== undefined };
}
