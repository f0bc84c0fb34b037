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
export async function resolvePortalToken(ctx: ServiceContext, options: { token: string }): Promise<PortalSession | undefined> {
  if (!isWellFormedPortalToken(options.token)) return undefined;
  const access = await ctx.prisma.portalAccess.findUnique({
    where: { tokenHash: hashPortalToken(options.token) },
    select: { id: true, accountId: true, contactId: true, expiresAt: true, revokedAt: true, account: { select: { organizationId: true } } },
  });
  if (!access || access.revokedAt || access.expiresAt.getTime() <= ctx.now().getTime()) return undefined;
  return { portalAccessId: access.id, accountId: access.accountId, organizationId: access.account.organizationId, contactId: access.contactId };
}
