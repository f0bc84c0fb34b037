import { claimEvent } from '../events/claim-event';
import type { ServiceContext } from '../context';
import type { HubSpotWebhookEvent } from './hubspot-webhook-events';

/** Where the claims come from, and their ids: event ids are unique within a HubSpot account. */
export const HUBSPOT_EVENT_SOURCE = 'hubspot';
export const hubspotEventKey = (e: HubSpotWebhookEvent) => `${e.portalId}:${e.eventId}`;

/** Claims each event id once: the events of this delivery not seen before (HubSpot delivers at least once). */
export async function claimHubSpotEvents(
  ctx: ServiceContext,
  events: readonly HubSpotWebhookEvent[],
): Promise<HubSpotWebhookEvent[]> {
  const fresh: HubSpotWebhookEvent[] = [];
  for (const event of events)
    if (await claimEvent(ctx, { source: HUBSPOT_EVENT_SOURCE, eventId: hubspotEventKey(event) })) fresh.push(event);
  return fresh;
}
