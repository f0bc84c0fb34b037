/**
 * HubSpot webhook deliveries as HubSpot sends them: a JSON array of events, signed with signature v3 (HMAC-SHA256 of
 * method + URI + body + timestamp, keyed with the app's client secret, base64). Written here from HubSpot's
 * description, independently of Thread's verifier; the SDK's Signature.isValid checks this signer in the unit tests.
 */
import { createHmac } from 'node:crypto';

export interface DealEvent {
  eventId: number;
  portalId: number;
  objectId: number;
  subscriptionType: string;
  propertyName?: string;
  propertyValue?: string;
  occurredAt?: number;
}

let nextEventId = 1;

/** A deal's stage changed (deal.propertyChange on dealstage), as HubSpot reports it. */
export function stageChange(o: { portalId: number; dealId: string; stage: string; eventId?: number }): DealEvent {
  return {
    eventId: o.eventId ?? nextEventId++,
    portalId: o.portalId,
    objectId: Number(o.dealId),
    subscriptionType: 'deal.propertyChange',
    propertyName: 'dealstage',
    propertyValue: o.stage,
    occurredAt: Date.now(),
  };
}

export function dealCreated(o: { portalId: number; dealId: string; eventId?: number }): DealEvent {
  return {
    eventId: o.eventId ?? nextEventId++,
    portalId: o.portalId,
    objectId: Number(o.dealId),
    subscriptionType: 'deal.creation',
    occurredAt: Date.now(),
  };
}

export function signV3(o: {
  clientSecret: string;
  method: string;
  uri: string;
  body: string;
  timestamp: string;
}): string {
  return createHmac('sha256', o.clientSecret).update(`${o.method}${o.uri}${o.body}${o.timestamp}`).digest('base64');
}

/** The body and headers of a delivery to `uri`, signed now (or at `timestamp`) with the client secret. */
export function signedDelivery(
  events: object[],
  o: { clientSecret: string; uri: string; timestamp?: number },
): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify(events);
  const timestamp = String(o.timestamp ?? Date.now());
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-hubspot-request-timestamp': timestamp,
      'x-hubspot-signature-v3': signV3({ clientSecret: o.clientSecret, method: 'POST', uri: o.uri, body, timestamp }),
    },
  };
}
