/**
 * Read-only portal previews for the vendor's team: the link Thread writes to the customer's HubSpot company, so a
 * CSM or an AE can see what the customer sees without holding the customer's magic link (which must never be in the
 * CRM: it answers forms and uploads documents as the customer, and everyone with CRM access would hold it).
 *
 * The link names only the account and an expiry, signed (HMAC-SHA256) with the portal signing key over both: it opens
 * the preview of that one account until it expires, and nothing else. Expiries fall on 30-day windows, so the link is
 * the same for every write within a window (HubSpot's property history does not fill with copies), lives 60 to 90
 * days, and the write-back renews every linked company's link once a window (see collect-write-back-events.ts).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const WINDOW_MS = 30 * 24 * 60 * 60 * 1000;
/** Windows a link outlives the one it was made in: 2 full windows plus the rest of the current one. */
const WINDOWS_VALID = 3;
const ACCOUNT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;

/** The 30-day window an instant falls in; a new window means every linked company gets a fresh link. */
export function previewLinkWindow(now: Date): number {
  return Math.floor(now.getTime() / WINDOW_MS);
}

function signature(secret: Buffer, accountId: string, expires: number): string {
  return createHmac('sha256', secret).update(`portal-preview:${accountId}:${expires}`).digest('base64url');
}

/** The signed part of the link (the path segment after /portal/preview/). */
export function signPreviewToken(o: { secret: Buffer; accountId: string; now: Date }): string {
  const expires = Math.floor(((previewLinkWindow(o.now) + WINDOWS_VALID) * WINDOW_MS) / 1000);
  return `${o.accountId}.${expires}.${signature(o.secret, o.accountId, expires)}`;
}

export function portalPreviewUrl(o: { publicUrl: string; secret: Buffer; accountId: string; now: Date }): string {
  return `${o.publicUrl.replace(/\/+$/, '')}/portal/preview/${signPreviewToken(o)}`;
}

/**
 * The account a preview token opens, or null when it is malformed, forged or expired: the three look the same to
 * the caller, as with magic links. Compared in constant time.
 */
export function verifyPreviewToken(o: { secret: Buffer; token: string; now: Date }): { accountId: string } | null {
  const parts = o.token.split('.');
  if (parts.length !== 3) return null;
  const [accountId, expiresText, sig] = parts as [string, string, string];
  if (!ACCOUNT_ID.test(accountId) || !/^\d{1,12}$/.test(expiresText) || !SIGNATURE.test(sig)) return null;
  const expires = Number(expiresText);
  if (expires * 1000 <= o.now.getTime()) return null;
  const expected = Buffer.from(signature(o.secret, accountId, expires));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { accountId };
}
