import type { ServiceContext } from '../context';
import type { PortalSession } from './resolve-portal-token';

export const VISIT_WINDOW_MS = 30 * 60 * 1000;

/**
 * Counts a portal visit for the engagement metrics: at most one per contact per 30 minutes, so reloading the
 * page or clicking through requests is one visit. The link's last use is stamped with the same granularity,
 * which keeps an ordinary page view free of writes.
 */
export async function recordPortalVisit(
  ctx: ServiceContext,
  options: { session: PortalSession },
): Promise<{ counted: boolean }> {
  const { session } = options;
  const now = ctx.now();
  const since = new Date(now.getTime() - VISIT_WINDOW_MS);
  const recentVisit = {
    accountId: session.accountId,
    contactId: session.contactId,
    kind: 'portal_visit' as const,
    at: { gt: since },
  };
  if (await ctx.prisma.engagementEvent.findFirst({ where: recentVisit, select: { id: true } }))
    return { counted: false };
  return ctx.prisma.$transaction(async (tx) => {
    // Checked again inside the transaction: another tab may have counted the visit in between.
    if (await tx.engagementEvent.findFirst({ where: recentVisit, select: { id: true } })) return { counted: false };
    await tx.engagementEvent.create({
      data: { accountId: session.accountId, contactId: session.contactId, kind: 'portal_visit', at: now },
    });
    await tx.portalAccess.update({ where: { id: session.portalAccessId }, data: { lastUsedAt: now } });
    return { counted: true };
  });
}
