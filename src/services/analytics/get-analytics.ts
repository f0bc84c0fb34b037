/**
 * Every section of the analytics at once, for the same moment and filters (`/thread analytics`, the benchmark).
 * The sections run one after another on one scope: each is a single aggregate statement.
 */
import { z } from 'zod';
import { ANALYTICS_SECTIONS } from '../../domain/analytics';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { actingPersonSchema, assertCapability, loadActingPerson } from '../people/acting-person';
import type { AnalyticsLinkDeps } from './analytics-links';
import { analyticsFiltersSchema, resolveAnalyticsScope, scopeWords } from './analytics-scope';
import { presentSection, VIEWING_ANALYTICS, type AnalyticsSectionView } from './analytics-section-view';
import { runAggregate } from './run-aggregate';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  actor: actingPersonSchema,
  filters: analyticsFiltersSchema.default({}),
});

export interface AnalyticsView {
  scopeLabel: string;
  asOf: Date;
  sections: AnalyticsSectionView[];
}

export async function getAnalytics(
  ctx: ServiceContext,
  links: AnalyticsLinkDeps | undefined,
  input: z.input<typeof optionsSchema>,
): Promise<AnalyticsView> {
  const o = parseOptions(optionsSchema, input);
  const person = await loadActingPerson(ctx.prisma, o.organizationId, o.actor);
  assertCapability(person, 'view_analytics', VIEWING_ANALYTICS);
  const scope = await resolveAnalyticsScope(ctx.prisma, o.organizationId, o.filters, ctx.now());
  const sections: AnalyticsSectionView[] = [];
  for (const id of ANALYTICS_SECTIONS)
    sections.push(presentSection(await runAggregate(ctx.prisma, id, scope), scope, links, person.userId));
  return { scopeLabel: scopeWords(scope), asOf: scope.asOf, sections };
}
