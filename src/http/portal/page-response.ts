/** What the portal's routes and the handoff form's share about answering a browser. */
import type { Request, Response } from 'express';
import type { SafeHtml } from './html';

/** Who is asking, for the failure limiter: the client's address as Express sees it behind the trusted proxy. */
export const clientKey = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/** An HTML page with its status; the HTML was escaped as it was built. */
export const sendPage = (res: Response, status: number, body: SafeHtml) =>
  res.status(status).type('html').send(body.value);

/** The nonce of this response's Content-Security-Policy, for the page's own style element. */
export const cspNonce = (res: Response): string => String(res.locals.cspNonce);
