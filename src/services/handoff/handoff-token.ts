/**
 * The web form's link (/handoff/<token>), for an AE without Thread access: 256 random bits as base64url, of which
 * only the SHA-256 is stored (Handoff.tokenHash), as for portal links. The token in the path is the AE's authority
 * to answer this one handoff until it expires.
 */
import { generatePortalToken, hashPortalToken, isWellFormedPortalToken } from '../portal/portal-token';

/** How long a handoff link works; a reminder email sends a fresh one. */
export const HANDOFF_LINK_DAYS = 30;

export const generateHandoffToken = generatePortalToken;
export const hashHandoffToken = hashPortalToken;
export const isWellFormedHandoffToken = isWellFormedPortalToken;

export function handoffUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/handoff/${token}`;
}
