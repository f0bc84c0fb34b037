/**
 * One run of the HubSpot write-back (the `hubspot-write-back` job, every minute): for each organisation with HubSpot
 * connected, collect the audit trail's new events into work (collect-write-back-events.ts), then write the due
 * companies (deliver-company-writes.ts), and keep the outcome where the connector status reads it
 * (HubSpotWriteBack.lastWriteBackAt / lastWriteBackError, see get-hubspot-write-back-status.ts).
 *
 * Nothing in Thread waits for this: Slack clicks and portal requests only write the audit trail, as they always do.
 * An organisation without HubSpot is not in the connected list and costs nothing; an account without a company is
 * passed over by the trail's query.
 */
import { randomBytes } from 'node:crypto';
import type { ServiceContext } from '../../context';
import { collectWriteBackEvents, type CollectedWriteBack } from './collect-write-back-events';
import { deliverCompanyWrites, type DeliveredWriteBack } from './deliver-company-writes';
import { startWriteBack } from './start-write-back';
import type { HubSpotWriteBackDeps } from './write-back-deps';

export interface OrganizationWriteBack {
  organizationId: string;
  collected?: CollectedWriteBack;
  delivered?: DeliveredWriteBack;
  /** A failure of the run itself for this organisation (the database), not of one company's write. */
  error?: string;
}

export interface HubSpotWriteBackReport {
  organizations: OrganizationWriteBack[];
}

function minutesFrom(now: Date, later: Date): number {
  return Math.max(1, Math.round((later.getTime() - now.getTime()) / 60_000));
}

/**
 * The status fields: the last success, and the last failure in words until a run leaves no account waiting to retry.
 * A run that wrote nothing and failed nothing changes nothing, so an idle organisation costs no write.
 */
async function recordOutcome(
  ctx: ServiceContext,
  organizationId: string,
  delivered: DeliveredWriteBack,
): Promise<void> {
  const now = ctx.now();
  const failure = delivered.failed.at(-1);
  if (failure) {
    await ctx.prisma.hubSpotWriteBack.update({
      where: { organizationId },
      data: {
        ...(delivered.written.length > 0 ? { lastWriteBackAt: now } : {}),
        lastWriteBackError: `Writing ${failure.accountName} to HubSpot failed: ${failure.message}. Thread tries again in ${minutesFrom(now, failure.retryAt)} minute(s).`,
        lastWriteBackErrorAt: now,
      },
    });
    return;
  }
  if (delivered.written.length === 0) return;
  const retrying = await ctx.prisma.hubSpotCompanyWrite.count({ where: { organizationId, attempts: { gt: 0 } } });
  await ctx.prisma.hubSpotWriteBack.update({
    where: { organizationId },
    data: { lastWriteBackAt: now, ...(retrying === 0 ? { lastWriteBackError: null, lastWriteBackErrorAt: null } : {}) },
  });
}

export async function runHubSpotWriteBack(
  ctx: ServiceContext,
  deps: HubSpotWriteBackDeps,
): Promise<HubSpotWriteBackReport> {
  const report: HubSpotWriteBackReport = { organizations: [] };
  const connected = await deps.connectedOrganizations();
  // Every run claims under its own name, so two runs in one process never mistake each other's claims for theirs.
  const holder = `${deps.holder}/${randomBytes(4).toString('hex')}`;
  for (const { organizationId, hubspot } of connected) {
    const outcome: OrganizationWriteBack = { organizationId };
    report.organizations.push(outcome);
    try {
      await startWriteBack(ctx.prisma, organizationId, ctx.now());
      outcome.collected = await collectWriteBackEvents(ctx, { organizationId });
      outcome.delivered = await deliverCompanyWrites(ctx, {
        organizationId,
        hubspot,
        previewLinks: deps.previewLinks,
        holder,
      });
      await recordOutcome(ctx, organizationId, outcome.delivered);
    } catch (error) {
      outcome.error = error instanceof Error ? error.message : String(error);
      ctx.logger.error({ err: error, organizationId }, 'HubSpot write-back run failed');
    }
  }
  return report;
}
