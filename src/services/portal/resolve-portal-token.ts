import type { ServiceContext } from '../context';
import { hashPortalToken, isWellFormedPortalToken } from './portal-token';

/** Who is looking at the portal: the link's contact on its account. */
export interface PortalSession {
  portalAccessId: string;
  accountId: string;
  organizationId: string;
  contactId: string;
}

/**
 * The session a magic-link token opens, or undefined when the token is unknown, expired or revoked. The three
 * cases are deliberately indistinguishable to the caller, so the page shown cannot tell a guesser which it was.
 */
export async function resolvePortalToken(
  ctx: ServiceContext,
  options: { token: string },
): Promise<PortalSession | undefined> {
  if (!isWellFormedPortalToken(options.token)) return undefined;
  // One round trip: the link joined to its account for the organisation (a nested select would be a second query).
  const rows = await ctx.prisma.$queryRaw<PortalAccessRow[]>`
    SELECT p."id", p."accountId", p."contactId", p."expiresAt", p."revokedAt", a."organizationId"
    FROM "PortalAccess" p JOIN "Account" a ON a."id" = p."accountId"
    WHERE p."tokenHash" = ${hashPortalToken(options.token)}`;
  return sessionOf(rows[0], ctx.now());
}

/** A link as looked up by its token hash, with its account's organisation. */
export interface PortalAccessRow {
  id: string;
  accountId: string;
  contactId: string;
  expiresAt: Date;
  revokedAt: Date | null;
  organizationId: string;
}

/** The session a looked-up link opens at `now`: none when there is no link, or it is revoked or expired. */
export function sessionOf(access: PortalAccessRow | undefined, now: Date): PortalSession | undefined {
  if (!access || access.revokedAt || access.expiresAt.getTime() <= now.getTime()) return undefined;
  return {
    portalAccessId: access.id,
    accountId: access.accountId,
    organizationId: access.organizationId,
    contactId: access.contactId,
  };
}
