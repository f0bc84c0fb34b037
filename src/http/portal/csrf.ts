/**
 * CSRF protection: a signed double-submit token bound to the portal link. The browser holds a random nonce in an
 * HttpOnly, SameSite=Strict cookie; each form carries HMAC(secret, link id + nonce). A forged cross-site post
 * has neither the cookie nor a way to compute the field, and a token from one link does not work on another.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

export const CSRF_COOKIE = 'thread_portal_csrf';
export const CSRF_FIELD = '_csrf';
const NONCE_PATTERN = /^[A-Za-z0-9_-]{22}$/;

function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function sign(secret: Buffer, portalAccessId: string, nonce: string): string {
  return createHmac('sha256', secret).update(`csrf:${portalAccessId}:${nonce}`).digest('base64url');
}

/** The token for this page's forms; sets the nonce cookie when the browser has none yet. */
export function issueCsrfToken(
  req: Request,
  res: Response,
  options: { secret: Buffer; portalAccessId: string; cookiePath: string },
): string {
  let nonce = readCookie(req, CSRF_COOKIE);
  if (!nonce || !NONCE_PATTERN.test(nonce)) {
    nonce = randomBytes(16).toString('base64url');
    res.cookie(CSRF_COOKIE, nonce, {
      httpOnly: true,
      sameSite: 'strict',
      secure: req.secure,
      path: options.cookiePath,
    });
  }
  return sign(options.secret, options.portalAccessId, nonce);
}

export function isValidCsrfToken(
  req: Request,
  options: { secret: Buffer; portalAccessId: string; token: unknown },
): boolean {
  const nonce = readCookie(req, CSRF_COOKIE);
  if (!nonce || !NONCE_PATTERN.test(nonce) || typeof options.token !== 'string') return false;
  const expected = Buffer.from(sign(options.secret, options.portalAccessId, nonce));
  const given = Buffer.from(options.token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
