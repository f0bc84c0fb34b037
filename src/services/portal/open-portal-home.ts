import type { ServiceContext } from '../context';
import { PORTAL_PAGE_VERSION } from './portal-page-version';
import { hashPortalToken, isWellFormedPortalToken } from './portal-token';
import { recordPortalVisit, VISIT_WINDOW_MS } from './record-portal-visit';
import { sessionOf, type PortalAccessRow, type PortalSession } from './resolve-portal-token';

export interface PortalHomeOpening {
  session: PortalSession;
  /** The version of what the page shows now (portal-page-version.ts): equal versions, equal pages at one instant. */
  pageVersion: string;
  /** True when this opening counted as the contact's visit (at most one per 30 minutes, recordPortalVisit). */
  visitCounted: boolean;
}

/**
 * A customer opening their home page with a magic link, in one round trip for an ordinary page view: the link's
 * session (undefined for an unknown, expired or revoked link, indistinguishably, as resolvePortalToken), the page's
 * current version, and whether this contact's visit was already counted in the last 30 minutes. When it was not,
 * this visit is counted (recordPortalVisit, which checks again inside its transaction).
 */
export async function openPortalHome(
  ctx: ServiceContext,
  options: { token: string },
): Promise<PortalHomeOpening | undefined> {
  if (!isWellFormedPortalToken(options.token)) return undefined;
  const now = ctx.now();
  const since = new Date(now.getTime() - VISIT_WINDOW_MS);
  const rows = await ctx.prisma.$queryRaw<(PortalAccessRow & { visitedRecently: boolean; pageVersion: string })[]>`
    SELECT p."id", p."accountId", p."contactId", p."expiresAt", p."revokedAt", a."organizationId",
           EXISTS (SELECT 1 FROM "EngagementEvent" e
                   WHERE e."accountId" = p."accountId" AND e."contactId" = p."contactId"
                     AND e."kind" = 'portal_visit' AND e."at" > ${since}) AS "visitedRecently",
           ${PORTAL_PAGE_VERSION} AS "pageVersion"
    FROM "PortalAccess" p
    JOIN "Account" a ON a."id" = p."accountId"
    JOIN "Organization" o ON o."id" = a."organizationId"
    LEFT JOIN "Contact" c ON c."id" = p."contactId"
    LEFT JOIN "User" u ON u."id" = a."csmId"
    WHERE p."tokenHash" = ${hashPortalToken(options.token)}`;
  const row = rows[0];
  const session = sessionOf(row, now);
  if (!row || !session) return undefined;
  const visitCounted = row.visitedRecently ? false : (await recordPortalVisit(ctx, { session })).counted;
  return { session, pageVersion: row.pageVersion, visitCounted };
}
