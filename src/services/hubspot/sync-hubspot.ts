import { z } from 'zod';
import { triggerStagesOf } from '../../domain/hubspot-rules';
import { isAppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { actingPersonSchema, assertCapability, loadActingPerson } from '../people/acting-person';
import { handleHubSpotDeal, type DealOutcome } from './handle-hubspot-deal';
import type { HubSpotDeps } from './hubspot-deps';
import { openHubSpotSession } from './hubspot-session';
import { recordHubSpotOutcome } from './record-hubspot-outcome';

const optionsSchema = z.object({ organizationId: z.string().min(1), actor: actingPersonSchema });

/** The first sync looks back this far: deals that closed just before HubSpot was connected still get their account. */
export const FIRST_SYNC_LOOKBACK_MS = 24 * 60 * 60_000;
/** Each sync searches a little before the last one started: HubSpot's search index trails its writes. */
export const SYNC_OVERLAP_MS = 5 * 60_000;

export interface HubSpotSyncReport {
  since: Date;
  /** Deals found at a trigger stage, changed since `since`. */
  found: number;
  outcomes: DealOutcome[];
  failures: { dealId: string; message: string }[];
  /** Accounts made from HubSpot whose company and contacts were refreshed (the deals above included). */
  refreshed: number;
}

/** Accounts refreshed per sync beyond the deals found; the least recently refreshed go first. */
export const REFRESH_PER_SYNC = 100;

function words(error: unknown): string {
  return isAppError(error) ? error.message : 'an unexpected error (logged)';
}

/**
 * The poll (every 15 minutes, and `thread hubspot sync`): searches the deals that reached a trigger stage since the
 * last sync and handles each as a webhook would, so a lost webhook costs a delay, never an account. A deal that
 * fails is searched again next time (the next sync starts from the earliest failure); the failures are the
 * connector's last error, in words. Admins, the command line and the HubSpot job may run it.
 */
export async function syncHubSpot(
  ctx: ServiceContext,
  deps: HubSpotDeps,
  input: z.input<typeof optionsSchema>,
): Promise<HubSpotSyncReport> {
  const o = parseOptions(optionsSchema, input);
  const person = await loadActingPerson(ctx.prisma, o.organizationId, o.actor);
  assertCapability(person, 'manage_connectors', 'sync HubSpot');
  const startedAt = ctx.now();
  const session = await openHubSpotSession(ctx, deps, o.organizationId);
  const status = session.connection.state.status;
  const since = status.syncFrom
    ? new Date(new Date(status.syncFrom).getTime() - SYNC_OVERLAP_MS)
    : new Date(startedAt.getTime() - FIRST_SYNC_LOOKBACK_MS);

  let deals;
  try {
    const pipelines = await session.pipelines();
    const rules = session.connection.state.rules;
    const stageIds = [
      ...new Set([
        ...pipelines.flatMap((p) => triggerStagesOf(rules, p)),
        ...Object.values(rules.triggerStages).flat(),
      ]),
    ];
    deals = await session.hubspot.searchDeals({ stageIds, modifiedSince: since, properties: session.wanted.all });
  } catch (error) {
    await recordHubSpotOutcome(ctx, deps, {
      organizationId: o.organizationId,
      during: 'sync',
      error: `the sync could not search HubSpot: ${words(error)}`,
    });
    throw error;
  }

  const outcomes: DealOutcome[] = [];
  const failures: { dealId: string; message: string; modifiedAt: string | null }[] = [];
  for (const deal of deals) {
    try {
      outcomes.push(await handleHubSpotDeal(ctx, deps, session, deal.id));
    } catch (error) {
      if (!isAppError(error)) ctx.logger.error({ err: error, dealId: deal.id }, 'HubSpot sync: a deal failed');
      failures.push({ dealId: deal.id, message: words(error), modifiedAt: deal.lastModifiedAt });
    }
  }

  // Companies and contacts change without touching their deal: the running accounts made from HubSpot are
  // refreshed too, those refreshed longest ago first (each refresh rewrites crmFacts, so updatedAt moves on).
  const handled = new Set(deals.map((d) => d.id));
  const running = await ctx.prisma.account.findMany({
    where: {
      organizationId: o.organizationId,
      hubspotDealId: { not: null },
      status: { in: ['pending_handoff', 'active', 'at_risk'] },
    },
    orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }],
    select: { hubspotDealId: true },
    take: REFRESH_PER_SYNC + handled.size,
  });
  const refresh = running
    .map((a) => a.hubspotDealId!)
    .filter((id) => !handled.has(id))
    .slice(0, REFRESH_PER_SYNC);
  for (const dealId of refresh) {
    try {
      outcomes.push(await handleHubSpotDeal(ctx, deps, session, dealId));
    } catch (error) {
      if (!isAppError(error)) ctx.logger.error({ err: error, dealId }, 'HubSpot sync: refreshing an account failed');
      failures.push({ dealId, message: words(error), modifiedAt: null });
    }
  }

  const earliestFailure = failures
    .map((f) => f.modifiedAt)
    .filter((m): m is string => m !== null)
    .sort()[0];
  await recordHubSpotOutcome(ctx, deps, {
    organizationId: o.organizationId,
    during: 'sync',
    ...(failures.length > 0
      ? {
          error: `${failures.length} deal(s) could not be handled; deal ${failures[0]!.dealId}: ${failures[0]!.message}`,
        }
      : {}),
    syncedAt: ctx.now(),
    syncFrom: earliestFailure ? new Date(earliestFailure) : startedAt,
  });
  return {
    since,
    found: deals.length,
    outcomes,
    failures: failures.map(({ dealId, message }) => ({ dealId, message })),
    refreshed: outcomes.filter((x) => x.kind === 'synced').length,
  };
}
