import { z } from 'zod';
import type { ServiceContext } from '../context';
import { actingPersonSchema, assertCapability, loadActingPerson, type ActingPerson } from '../people/acting-person';
import { analyticsFiltersSchema, resolveAnalyticsScope, type AnalyticsScope } from './analytics-scope';
import { VIEWING_ANALYTICS } from './analytics-section-view';

/** What every request for analytics names: whose organisation, who asks, and the filters. */
export const leaderRequestShape = {
  organizationId: z.string().min(1),
  actor: actingPersonSchema,
  filters: analyticsFiltersSchema.default({}),
};

/** The person, refused unless they may read analytics, and the filters resolved against their organisation. */
export async function openLeaderScope(
  ctx: ServiceContext,
  o: z.output<z.ZodObject<typeof leaderRequestShape>>,
): Promise<{ person: ActingPerson; scope: AnalyticsScope }> {
  const person = await loadActingPerson(ctx.prisma, o.organizationId, o.actor);
  assertCapability(person, 'view_analytics', VIEWING_ANALYTICS);
  const scope = await resolveAnalyticsScope(ctx.prisma, o.organizationId, o.filters, ctx.now());
  return { person, scope };
}
