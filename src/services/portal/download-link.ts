/**
 * Signed, short-lived links to an uploaded document, for the CSM's Slack card. Anyone holding the link can
 * download until it expires, so it lives a day and names nothing but the submission id.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const DOWNLOAD_LINK_TTL_MS = 24 * 60 * 60 * 1000;

function signature(secret: Buffer, submissionId: string, expires: number): string {
  return createHmac('sha256', secret).update(`download:${submissionId}:${expires}`).digest('base64url');
}

export function signDownloadUrl(options: {
  publicUrl: string;
  secret: Buffer;
  submissionId: string;
  now: Date;
  ttlMs?: number;
}): string {
  const expires = Math.floor((options.now.getTime() + (options.ttlMs ?? DOWNLOAD_LINK_TTL_MS)) / 1000);
  const sig = signature(options.secret, options.submissionId, expires);
  return `${options.publicUrl.replace(/\/+$/, '')}/portal/files/${encodeURIComponent(options.submissionId)}?expires=${expires}&sig=${sig}`;
}

export function isValidDownloadSignature(options: {
  secret: Buffer;
  submissionId: string;
  expires: string;
  sig: string;
  now: Date;
}): boolean {
  if (!/^\d{1,12}$/.test(options.expires) || !/^[A-Za-z0-9_-]{43}$/.test(options.sig)) return false;
  const expires = Number(options.expires);
  if (expires * 1000 <= options.now.getTime()) return false;
  const expected = Buffer.from(signature(options.secret, options.submissionId, expires));
  const given = Buffer.from(options.sig);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
