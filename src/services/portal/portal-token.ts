/**
 * Magic-link tokens: 32 random bytes (256 bits) as base64url. Only the SHA-256 is stored, so a copy of the
 * database does not open anyone's portal. The format check lets obvious junk be refused without a query.
 */
import { createHash, randomBytes } from 'node:crypto';

export const PORTAL_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function generatePortalToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashPortalToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function isWellFormedPortalToken(token: string): boolean {
  return PORTAL_TOKEN_PATTERN.test(token);
}

export function portalUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/portal/${token}`;
}
