import { releaseEvent } from '../events/release-event';
import type { ServiceContext } from '../context';
import { HUBSPOT_EVENT_SOURCE, hubspotEventKey } from './claim-hubspot-events';
import type { HubSpotWebhookEvent } from './hubspot-webhook-events';

/** Gives the claims back when the events cannot be taken now, so HubSpot's retry is processed. */
export async function releaseHubSpotEvents(ctx: ServiceContext, events: readonly HubSpotWebhookEvent[]): Promise<void> {
  for (const event of events)
    await releaseEvent(ctx, { source: HUBSPOT_EVENT_SOURCE, eventId: hubspotEventKey(event) });
}
