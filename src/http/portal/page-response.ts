/** What the portal's routes and the handoff form's share about answering a browser. */
import zlib from 'node:zlib';
import type { Request, Response } from 'express';
import type { SafeHtml } from './html';

/** Who is asking, for the failure limiter: the client's address as Express sees it behind the trusted proxy. */
export const clientKey = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/** An HTML page with its status; the HTML was escaped as it was built. */
export const sendPage = (res: Response, status: number, body: SafeHtml) =>
  res.status(status).type('html').send(body.value);

/** The nonce of this response's Content-Security-Policy, for the page's own style element. */
export const cspNonce = (res: Response): string => String(res.locals.cspNonce);

/**
 * A page that may be answered "not modified" (a RenderedPage, see home-page-cache.ts): kept by the browser alone
 * (private) and checked with Thread on every view (no-cache), so a revoked or expired link is refused on the next
 * view like any other request. A 304 is sent only when the browser holds this very page for this very link; it
 * carries no Content-Security-Policy, so the browser keeps the policy that came with the page it holds, whose nonce
 * matches that page's style element. Otherwise the page with this response's nonce, compressed when the client
 * accepts it.
 */
export function sendRevalidatedPage(
  req: Request,
  res: Response,
  page: { before: string; after: string; etag: string },
): void {
  res.setHeader('Cache-Control', 'private, no-cache');
  res.setHeader('ETag', page.etag);
  res.setHeader('Vary', 'Accept-Encoding');
  if (req.fresh) {
    res.removeHeader('Content-Security-Policy');
    res.status(304).end();
    return;
  }
  sendCompressed(req, res, 200, Buffer.from(`${page.before}${cspNonce(res)}${page.after}`, 'utf8'));
}

// Quality 4 compresses a page about as well as gzip's default in about the same time; higher costs many times more.
const BROTLI = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } };
/** Below this, compressing costs more than it saves. */
const MIN_COMPRESS_BYTES = 1024;

/** HTML compressed with the encoding the client prefers of br and gzip (its order breaks ties), or as it is. */
export function sendCompressed(req: Request, res: Response, status: number, body: Buffer): void {
  res.status(status).type('html');
  res.vary('Accept-Encoding');
  const encoding = body.length >= MIN_COMPRESS_BYTES ? req.acceptsEncodings('br', 'gzip') : false;
  let out = body;
  if (encoding === 'br') out = zlib.brotliCompressSync(body, BROTLI);
  else if (encoding === 'gzip') out = zlib.gzipSync(body);
  if (out !== body) res.setHeader('Content-Encoding', String(encoding));
  res.setHeader('Content-Length', String(out.length));
  res.end(out);
}
