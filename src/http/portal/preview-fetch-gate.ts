/**
 * Answers a link preview (an unfurler, a mail scanner, a HEAD, a browser's prefetch: see link-preview-fetch.ts) on a
 * route whose path holds a secret, before the route spends it: no visit recorded, no cookie set, nothing counted
 * against the address by the people's wrong-link limiter. Anything else goes on to the route.
 *
 * - A prefetch gets 503 and no-store: browsers drop a prefetched response that is not 2xx and fetch the page again
 *   when the person actually clicks, so the person never sees this answer.
 * - An unfurler or scanner gets a small neutral page (link-preview-page.ts): for a live link, whose it is, so the
 *   unfurl reads well; for a dead one, 404 and the page without a name.
 * - Looking a link up still answers whether it is live, so previews have their own, looser budget of failed lookups
 *   per address (`limiter`); past it a preview gets the nameless page without a lookup, and a guesser who dresses
 *   as Slackbot learns nothing more than one who does not.
 */
import type { Request, RequestHandler } from 'express';
import type { Logger } from '../../lib/logger';
import type { LinkUnfurl } from '../../services/portal/get-portal-link-unfurl';
import { previewFetch } from './link-preview-fetch';
import { clientKey, cspNonce, sendPage } from './page-response';
import { linkPreviewPage, type PreviewedLink } from './pages/link-preview-page';
import { FailureLimiter } from './rate-limiter';

export interface PreviewFetchGateOptions {
  kind: PreviewedLink;
  logger: Logger;
  /** Failed lookups by previews, per address; share one between the routes of a router. */
  limiter: FailureLimiter;
  /** The organisation behind the link in the request, or undefined when the link is dead. Unset: never looked up. */
  lookup?: (req: Request) => Promise<LinkUnfurl | undefined>;
}

export function previewFetchGate(o: PreviewFetchGateOptions): RequestHandler {
  return async (req, res, next) => {
    const preview = previewFetch({ method: req.method, headers: req.headers });
    if (!preview) return next();
    try {
      req.resume();
      o.logger.debug({ route: req.route?.path, reason: preview.reason, sign: preview.sign }, 'answered a link preview');
      const page = (organization?: LinkUnfurl['organization']) =>
        linkPreviewPage({ base: req.baseUrl, nonce: cspNonce(res), kind: o.kind, organization });
      res.setHeader('Cache-Control', 'no-store');
      if (preview.reason === 'prefetch') return sendPage(res, 503, page());
      const key = clientKey(req);
      if (!o.lookup || o.limiter.retryAfterSeconds(key) > 0) return sendPage(res, 200, page());
      const unfurl = await o.lookup(req);
      if (!unfurl) {
        o.limiter.recordFailure(key);
        return sendPage(res, 404, page());
      }
      sendPage(res, 200, page(unfurl.organization));
    } catch (error) {
      next(error);
    }
  };
}

/**
 * The budget of failed lookups a preview fetcher gets per address: 300 in 15 minutes, far above the people's 20,
 * since one unfurler's address answers for a whole chat service and old, expired links get posted again.
 */
export function previewLookupLimiter(): FailureLimiter {
  return new FailureLimiter({ maxFailures: 300, windowMs: 15 * 60 * 1000 });
}
