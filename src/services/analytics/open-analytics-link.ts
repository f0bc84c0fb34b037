/**
 * What a signed analytics link (a chart, a CSV) stands for, checked: the signature and expiry, then the person it
 * was made for, who must still be allowed to read the analytics (a leader who lost the role loses their links).
 * Computes the section again for the moment the link was made for.
 */
import type { AnalyticsSection } from '../../domain/analytics';
import type { ServiceContext } from '../context';
import { assertCapability, loadActingPerson } from '../people/acting-person';
import { verifyAnalyticsRequest, type AnalyticsLinkKind } from './analytics-links';
import { resolveAnalyticsScope, type AnalyticsScope } from './analytics-scope';
import { VIEWING_ANALYTICS } from './analytics-section-view';
import { runAggregate } from './run-aggregate';

export interface SignedLink {
  payload: string;
  expires: string | number;
  sig: string;
}

/** Null when the link is forged, expired or unreadable; throws forbidden when its person may no longer read analytics. */
export async function openAnalyticsLink(
  ctx: ServiceContext,
  secret: Buffer,
  kind: AnalyticsLinkKind,
  link: SignedLink,
): Promise<{ section: AnalyticsSection; scope: AnalyticsScope; userId: string } | null> {
  const request = verifyAnalyticsRequest(secret, kind, link, ctx.now());
  if (!request) return null;
  const person = await loadActingPerson(ctx.prisma, request.o, { userId: request.u });
  assertCapability(person, 'view_analytics', VIEWING_ANALYTICS);
  const scope = await resolveAnalyticsScope(
    ctx.prisma,
    request.o,
    { period: request.p, templateId: request.t, csmUserId: request.c, asOf: new Date(request.a * 1000) },
    ctx.now(),
  );
  return { section: await runAggregate(ctx.prisma, request.s, scope), scope, userId: request.u };
}
