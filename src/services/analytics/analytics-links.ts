/**
 * Signed, expiring links to analytics: a chart's PNG (Slack fetches it for an image block), a table's CSV (sent to
 * the person's DM) and the table request an Export CSV button carries. A link names what to compute (organisation,
 * section, filters, the moment it was computed for) and whom for; the route recomputes it from the record, so no
 * image or file is kept and any process sharing the encryption key answers it. HMAC-SHA256 over the kind, the
 * request and the expiry, compared in constant time, as the portal's download links are.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ANALYTICS_SECTIONS } from '../../domain/analytics';
import { deriveKey } from '../../lib/secret-box';

/** Slack fetches an image when the message is shown and may fetch it again later: a week. */
export const CHART_LINK_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** A download link in a DM: a day, as the portal's document links. */
export const CSV_LINK_TTL_MS = 24 * 60 * 60 * 1000;
/** An Export CSV button in a message or App Home: as long as the charts beside it. */
export const TABLE_REQUEST_TTL_MS = CHART_LINK_TTL_MS;

export type AnalyticsLinkKind = 'chart' | 'csv' | 'table';

/** The label is part of the key: changing it voids every analytics link handed out. */
const PURPOSE = 'thread analytics links v1';

export function analyticsSigningKey(encryptionKey: Buffer): Buffer {
  return deriveKey(encryptionKey, PURPOSE);
}

/** What the composition root hands the surfaces that make links: the key and the base of every URL. */
export interface AnalyticsLinkDeps {
  secret: Buffer;
  publicUrl: string;
}

/** What a link asks for. Short keys: Slack limits an image URL to 3000 characters and a button value to 2000. */
export const analyticsRequestSchema = z.object({
  /** Organisation. */
  o: z.string().min(1).max(64),
  /** The person it was made for; their role is checked again when it is used. */
  u: z.string().min(1).max(64),
  s: z.enum(ANALYTICS_SECTIONS),
  /** Period as typed (normalised). */
  p: z.string().min(1).max(16),
  t: z.string().min(1).max(64).optional(),
  c: z.string().min(1).max(64).optional(),
  /** The moment the numbers were computed for (Unix seconds): the chart matches the text beside it. */
  a: z.number().int().positive(),
});
export type AnalyticsRequest = z.infer<typeof analyticsRequestSchema>;

function encode(request: AnalyticsRequest): string {
  return Buffer.from(JSON.stringify(request)).toString('base64url');
}

function signature(secret: Buffer, kind: AnalyticsLinkKind, payload: string, expires: number): string {
  return createHmac('sha256', secret).update(`analytics:${kind}:${payload}:${expires}`).digest('base64url');
}

export interface SignedAnalyticsRequest {
  payload: string;
  expires: number;
  sig: string;
}

export function signAnalyticsRequest(
  secret: Buffer,
  kind: AnalyticsLinkKind,
  request: AnalyticsRequest,
  now: Date,
  ttlMs: number,
): SignedAnalyticsRequest {
  const payload = encode(request);
  const expires = Math.floor((now.getTime() + ttlMs) / 1000);
  return { payload, expires, sig: signature(secret, kind, payload, expires) };
}

const ROUTES: Record<Exclude<AnalyticsLinkKind, 'table'>, string> = { chart: 'charts', csv: 'csv' };

/** A chart's URL (`/analytics/charts/<request>.png`) or a CSV's (`/analytics/csv/<request>.csv`), and when it expires. */
export function analyticsLink(
  links: AnalyticsLinkDeps,
  kind: Exclude<AnalyticsLinkKind, 'table'>,
  request: AnalyticsRequest,
  now: Date,
): { url: string; expiresAt: Date } {
  const ttl = kind === 'chart' ? CHART_LINK_TTL_MS : CSV_LINK_TTL_MS;
  const signed = signAnalyticsRequest(links.secret, kind, request, now, ttl);
  const extension = kind === 'chart' ? 'png' : 'csv';
  const base = links.publicUrl.replace(/\/+$/, '');
  return {
    url: `${base}/analytics/${ROUTES[kind]}/${signed.payload}.${extension}?expires=${signed.expires}&sig=${signed.sig}`,
    expiresAt: new Date(signed.expires * 1000),
  };
}

/** A table request as one string (a button value): `<payload>.<expires>.<sig>`. */
export function tableRequestToken(secret: Buffer, request: AnalyticsRequest, now: Date): string {
  const s = signAnalyticsRequest(secret, 'table', request, now, TABLE_REQUEST_TTL_MS);
  return `${s.payload}.${s.expires}.${s.sig}`;
}

export function parseTableRequestToken(token: string): SignedAnalyticsRequest | null {
  const [payload, expires, sig, extra] = token.split('.');
  if (!payload || !expires || !sig || extra !== undefined || !/^\d{1,12}$/.test(expires)) return null;
  return { payload, expires: Number(expires), sig };
}

/** The request a signed link carries, or null when the signature is forged, the link expired or it reads as nothing. */
export function verifyAnalyticsRequest(
  secret: Buffer,
  kind: AnalyticsLinkKind,
  signed: { payload: string; expires: string | number; sig: string },
  now: Date,
): AnalyticsRequest | null {
  const expiresText = String(signed.expires);
  if (!/^\d{1,12}$/.test(expiresText) || !/^[A-Za-z0-9_-]{43}$/.test(signed.sig)) return null;
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(signed.payload)) return null;
  const expires = Number(expiresText);
  if (expires * 1000 <= now.getTime()) return null;
  const expected = Buffer.from(signature(secret, kind, signed.payload, expires));
  const given = Buffer.from(signed.sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const parsed = analyticsRequestSchema.safeParse(
      JSON.parse(Buffer.from(signed.payload, 'base64url').toString('utf8')),
    );
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
