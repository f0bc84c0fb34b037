import { isAppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { handleHubSpotDeal, type DealOutcome } from './handle-hubspot-deal';
import type { HubSpotDeps } from './hubspot-deps';
import { openHubSpotSession } from './hubspot-session';
import { isDealEvent, type HubSpotWebhookEvent } from './hubspot-webhook-events';
import { recordHubSpotOutcome } from './record-hubspot-outcome';

export interface WebhookReport {
  outcomes: DealOutcome[];
  failures: { dealId: string; message: string }[];
}

/**
 * Works through a verified webhook delivery after HubSpot has had its 200: each deal it names once, re-read from
 * HubSpot and handled as it is now. Failures are the connector's last error in words, and the next sync picks
 * those deals up again.
 */
export async function processHubSpotEvents(
  ctx: ServiceContext,
  deps: HubSpotDeps,
  o: { organizationId: string; events: readonly HubSpotWebhookEvent[] },
): Promise<WebhookReport> {
  const dealIds = [...new Set(o.events.filter(isDealEvent).map((e) => e.objectId))];
  const outcomes: DealOutcome[] = [];
  const failures: { dealId: string; message: string }[] = [];
  if (dealIds.length > 0) {
    try {
      const session = await openHubSpotSession(ctx, deps, o.organizationId);
      for (const dealId of dealIds) {
        try {
          outcomes.push(await handleHubSpotDeal(ctx, deps, session, dealId));
        } catch (error) {
          if (!isAppError(error)) ctx.logger.error({ err: error, dealId }, 'HubSpot webhook: a deal failed');
          failures.push({ dealId, message: isAppError(error) ? error.message : 'an unexpected error (logged)' });
        }
      }
    } catch (error) {
      if (!isAppError(error)) throw error;
      failures.push(...dealIds.map((dealId) => ({ dealId, message: error.message })));
    }
  }
  await recordHubSpotOutcome(ctx, deps, {
    organizationId: o.organizationId,
    during: 'webhook',
    ...(failures.length > 0
      ? { error: `a webhook's deal ${failures[0]!.dealId} could not be handled: ${failures[0]!.message}` }
      : {}),
  });
  return { outcomes, failures };
}
