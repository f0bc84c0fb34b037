/**
 * POST /webhooks/hubspot. Thin: read the raw body (the signature covers it byte for byte), find whose HubSpot
 * account it is, verify signature v3 with that connection's client secret, claim each event id once, answer 200 at
 * once, and hand the new events to the work queue, which re-reads each deal from HubSpot afterwards. A delivery that
 * cannot be verified gets 401 (nothing about why: the reason is logged); one the queue cannot take gets 503 and
 * its claims back, so HubSpot's retry is processed.
 */
import express, { Router } from 'express';
import type { Logger } from '../../lib/logger';
import type { WorkQueue } from '../../lib/work-queue';
import type { ServiceContext } from '../../services/context';
import { claimHubSpotEvents } from '../../services/hubspot/claim-hubspot-events';
import { findWebhookOrganization } from '../../services/hubspot/find-webhook-organization';
import type { HubSpotDeps } from '../../services/hubspot/hubspot-deps';
import { hubspotWebhookBodySchema } from '../../services/hubspot/hubspot-webhook-events';
import { processHubSpotEvents } from '../../services/hubspot/process-hubspot-events';
import { releaseHubSpotEvents } from '../../services/hubspot/release-hubspot-events';
import { signedUri, verifyHubSpotSignatureV3 } from './hubspot-signature';

export const HUBSPOT_WEBHOOK_PATH = '/webhooks/hubspot';

export interface HubSpotWebhookRouterOptions {
  ctx: ServiceContext;
  hubspot: HubSpotDeps;
  publicUrl: string;
  queue: WorkQueue;
  logger: Logger;
  /** Wall-clock milliseconds for the timestamp check; Date.now unless a test says otherwise. */
  wallClock?: () => number;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function createHubSpotWebhookRouter(o: HubSpotWebhookRouterOptions): Router {
  const router = Router();
  const wallClock = o.wallClock ?? Date.now;
  router.post(HUBSPOT_WEBHOOK_PATH, express.raw({ type: () => true, limit: '1mb' }), async (req, res, next) => {
    try {
      const rawBody = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
      const parsed = hubspotWebhookBodySchema.safeParse(parseJson(rawBody));
      if (!parsed.success) {
        res.status(400).json({ error: 'bad_request', message: 'expected a JSON array of HubSpot webhook events' });
        return;
      }
      const events = parsed.data;
      const portals = [...new Set(events.map((e) => e.portalId))];
      const refuse = (reason: string) => {
        o.logger.warn({ portals, reason }, 'HubSpot webhook refused');
        res.status(401).json({ error: 'unauthorized' });
      };
      if (portals.length !== 1) return refuse('the events name more than one HubSpot account');
      const target = await findWebhookOrganization(o.ctx, o.hubspot, portals[0]!);
      if (!target) return refuse('no organisation connected this HubSpot account');
      if (!target.clientSecret) return refuse('the HubSpot connection has no client secret to verify webhooks with');
      const check = verifyHubSpotSignatureV3({
        clientSecret: target.clientSecret,
        method: req.method,
        uri: signedUri(o.publicUrl, req.originalUrl),
        rawBody,
        timestamp: req.get('x-hubspot-request-timestamp'),
        signature: req.get('x-hubspot-signature-v3'),
        now: wallClock(),
      });
      if (!check.ok) return refuse(check.reason);

      const fresh = await claimHubSpotEvents(o.ctx, events);
      const organizationId = target.organizationId;
      const taken =
        fresh.length === 0 ||
        o.queue.offer(() => processHubSpotEvents(o.ctx, o.hubspot, { organizationId, events: fresh }));
      if (!taken) {
        await releaseHubSpotEvents(o.ctx, fresh);
        res.status(503).set('Retry-After', '60').json({ error: 'busy' });
        return;
      }
      res.status(200).json({ received: events.length, new: fresh.length });
    } catch (error) {
      next(error);
    }
  });
  return router;
}
