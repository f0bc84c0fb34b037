/**
 * A HubSpot webhook delivery: an array of events (HubSpot batches up to 100). Only the fields Thread uses are
 * checked; the ids come as numbers and are kept as text.
 */
import { z } from 'zod';

const id = z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,20}$/)]).transform(String);

export const hubspotWebhookEventSchema = z.object({
  eventId: id,
  subscriptionType: z.string().min(1).max(100),
  portalId: id,
  objectId: id,
  occurredAt: z.number().optional(),
  propertyName: z.string().max(200).optional(),
  propertyValue: z.string().max(10_000).optional(),
  attemptNumber: z.number().optional(),
});

export const hubspotWebhookBodySchema = z.array(hubspotWebhookEventSchema).min(1).max(1000);

export type HubSpotWebhookEvent = z.output<typeof hubspotWebhookEventSchema>;

/** The events Thread acts on: a deal created, or a deal's stage changed. Everything else is acknowledged and left. */
export function isDealEvent(event: HubSpotWebhookEvent): boolean {
  return (
    event.subscriptionType === 'deal.creation' ||
    (event.subscriptionType === 'deal.propertyChange' && event.propertyName === 'dealstage')
  );
}
