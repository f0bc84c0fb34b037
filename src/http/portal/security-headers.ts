import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Headers for every portal response. The Content-Security-Policy allows no script at all, styles only from the
 * portal's stylesheet plus one inline block carrying this response's nonce (the brand colour), images from the
 * portal or https (an organisation's logo), and forms posting only to Thread. Links carry a secret in their path,
 * so no Referer leaves the page and nothing is cached or indexed.
 */
export function portalSecurityHeaders(): RequestHandler[] {
  // Helmet hands its directive functions the response as Node's ServerResponse (no Express `locals` in its type),
  // so the nonce is also kept by response object; pages read it from res.locals.
  const nonces = new WeakMap<ServerResponse, string>();
  const nonceOf = (res: ServerResponse): string => {
    const value = nonces.get(res);
    if (value === undefined) throw new Error('the portal CSP nonce was not set before the security headers');
    return value;
  };
  const nonce: RequestHandler = (_req, res, next) => {
    const value = randomBytes(16).toString('base64');
    nonces.set(res, value);
    res.locals.cspNonce = value;
    next();
  };
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'none'"],
        styleSrc: ["'self'", (_req, res) => `'nonce-${nonceOf(res)}'`],
        imgSrc: ["'self'", 'https:'],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  const privacy: RequestHandler = (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Robots-Tag', 'noindex, nofollow');
    next();
  };
  return [nonce, headers, privacy];
}
