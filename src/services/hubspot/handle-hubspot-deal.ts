import { isTriggerStage } from '../../domain/hubspot-rules';
import type { ServiceContext } from '../context';
import type { HubSpotDeps } from './hubspot-deps';
import type { HubSpotSession } from './hubspot-session';
import { importClosedWonDeal, type ImportOutcome } from './import-closed-won-deal';
import { readDealSurroundings } from './read-hubspot-deal';
import { syncHubSpotAccount } from './sync-hubspot-account';

export type DealOutcome = { dealId: string } & (
  | ImportOutcome
  /** A deal Thread already has an account for: refreshed from HubSpot (what changed, in words). */
  | { kind: 'synced'; accountId: string; changes: string[] }
  /** Not (or no longer) at a stage that starts onboarding. */
  | { kind: 'not_trigger'; stageId: string }
  /** HubSpot no longer has the deal (deleted or merged away). */
  | { kind: 'gone' }
);

/**
 * What a deal change means for Thread, decided on the deal as HubSpot has it now (a webhook may be late, repeated or
 * out of order, so its own values are never used): a deal at a trigger stage without an account gets one; the
 * account of a deal Thread knows is refreshed (company, contacts, crmFacts); anything else is nothing to do.
 */
export async function handleHubSpotDeal(
  ctx: ServiceContext,
  deps: HubSpotDeps,
  session: HubSpotSession,
  dealId: string,
): Promise<DealOutcome> {
  const deal = await session.hubspot.getDeal(dealId, session.wanted.all);
  if (!deal) return { dealId, kind: 'gone' };
  const known = await ctx.prisma.account.findFirst({
    where: { organizationId: session.organizationId, hubspotDealId: deal.id },
    select: { id: true },
  });
  if (known) {
    const read = await readDealSurroundings(session.hubspot, deal);
    const changes = await syncHubSpotAccount(ctx, session, { accountId: known.id, read });
    return { dealId, kind: 'synced', accountId: known.id, changes };
  }
  if (!isTriggerStage(session.connection.state.rules, await session.pipelines(), deal))
    return { dealId, kind: 'not_trigger', stageId: deal.stageId };
  const read = await readDealSurroundings(session.hubspot, deal);
  return { dealId, ...(await importClosedWonDeal(ctx, deps, session, read)) };
}
