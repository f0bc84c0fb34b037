/**
 * One section of the analytics, for a leader: the aggregate computed in SQL, with its chart's signed URL, its text
 * alternative and the signed request its Export CSV button carries. App Home calls it once per section so the first
 * chart shows while the others are still computed.
 */
import { z } from 'zod';
import { ANALYTICS_SECTIONS } from '../../domain/analytics';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { actingPersonSchema, assertCapability, loadActingPerson } from '../people/acting-person';
import type { AnalyticsLinkDeps } from './analytics-links';
import { analyticsFiltersSchema, resolveAnalyticsScope } from './analytics-scope';
import { presentSection, VIEWING_ANALYTICS, type AnalyticsSectionView } from './analytics-section-view';
import { runAggregate } from './run-aggregate';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  actor: actingPersonSchema,
  section: z.enum(ANALYTICS_SECTIONS),
  filters: analyticsFiltersSchema.default({}),
});

export async function getAnalyticsSection(
  ctx: ServiceContext,
  links: AnalyticsLinkDeps | undefined,
  input: z.input<typeof optionsSchema>,
): Promise<AnalyticsSectionView> {
  const o = parseOptions(optionsSchema, input);
  const person = await loadActingPerson(ctx.prisma, o.organizationId, o.actor);
  assertCapability(person, 'view_analytics', VIEWING_ANALYTICS);
  const scope = await resolveAnalyticsScope(ctx.prisma, o.organizationId, o.filters, ctx.now());
  const section = await runAggregate(ctx.prisma, o.section, scope);
  return presentSection(section, scope, links, person.userId);
}
