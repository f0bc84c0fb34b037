/**
 * HubSpot's request signature v3: base64 of HMAC-SHA256, keyed with the app's client secret, over
 * method + URI + raw body + timestamp (X-HubSpot-Signature-v3 and X-HubSpot-Request-Timestamp, milliseconds).
 * Compared in constant time; a timestamp more than five minutes from now is refused, so a captured request cannot be
 * replayed later. The URI is the one HubSpot called, rebuilt from PUBLIC_URL because Thread sits behind proxies
 * that change the scheme and host it sees; HubSpot signs it with a few URL-encoded characters decoded (its docs'
 * table), so the same characters are decoded here. The SDK's Signature.isValid is the tests' oracle only: it
 * compares with ===.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const MAX_TIMESTAMP_SKEW_MS = 5 * 60_000;

/** The characters HubSpot decodes in the URI before signing. */
const DECODED: Record<string, string> = {
  '%3A': ':',
  '%2F': '/',
  '%3F': '?',
  '%40': '@',
  '%21': '!',
  '%24': '$',
  '%27': "'",
  '%28': '(',
  '%29': ')',
  '%2A': '*',
  '%2C': ',',
  '%3B': ';',
};

export function signedUri(publicUrl: string, originalUrl: string): string {
  const uri = `${publicUrl.replace(/\/+$/, '')}${originalUrl}`;
  return uri.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (m) => DECODED[m.toUpperCase()] ?? m);
}

export function hubspotSignatureV3(o: {
  clientSecret: string;
  method: string;
  uri: string;
  rawBody: string;
  timestamp: string;
}): string {
  return createHmac('sha256', o.clientSecret)
    .update(`${o.method}${o.uri}${o.rawBody}${o.timestamp}`, 'utf8')
    .digest('base64');
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function verifyHubSpotSignatureV3(o: {
  clientSecret: string;
  method: string;
  uri: string;
  rawBody: string;
  timestamp: string | undefined;
  signature: string | undefined;
  /** Wall-clock milliseconds. */
  now: number;
}): SignatureCheck {
  if (!o.signature || !o.timestamp)
    return { ok: false, reason: 'no X-HubSpot-Signature-v3 or X-HubSpot-Request-Timestamp' };
  if (!/^\d{1,15}$/.test(o.timestamp)) return { ok: false, reason: 'the timestamp is not milliseconds' };
  if (Math.abs(o.now - Number(o.timestamp)) > MAX_TIMESTAMP_SKEW_MS)
    return { ok: false, reason: 'the timestamp is more than five minutes away (a replay, or a clock far off)' };
  const expected = Buffer.from(hubspotSignatureV3({ ...o, timestamp: o.timestamp }), 'utf8');
  const given = Buffer.from(o.signature, 'utf8');
  // timingSafeEqual needs equal lengths; comparing the expected value with itself keeps the time the same.
  const same =
    given.length === expected.length ? timingSafeEqual(given, expected) : !timingSafeEqual(expected, expected);
  return same ? { ok: true } : { ok: false, reason: 'the signature does not match' };
}
