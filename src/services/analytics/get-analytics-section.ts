/**
 * One section of the analytics, for a leader: the aggregate computed in SQL, with its chart's signed URL, its text
 * alternative and the signed request its Export CSV button carries. App Home calls it once per section so the first
 * chart shows while the others are still computed.
 */
import { z } from 'zod';
import {
  ANALYTICS_SECTIONS,
  SECTION_NOTES,
  SECTION_TITLES,
  type AnalyticsSection,
  type AnalyticsSectionId,
} from '../../domain/analytics';
import { chartAltText, chartSpec } from '../../domain/analytics-charts';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { actingPersonSchema, assertCapability, loadActingPerson } from '../people/acting-person';
import { analyticsUrl, tableRequestToken, type AnalyticsLinkDeps, type AnalyticsRequest } from './analytics-links';
import { analyticsFiltersSchema, resolveAnalyticsScope, scopeWords, type AnalyticsScope } from './analytics-scope';
import { runAggregate } from './run-aggregate';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  actor: actingPersonSchema,
  section: z.enum(ANALYTICS_SECTIONS),
  filters: analyticsFiltersSchema.default({}),
});

export interface AnalyticsSectionView {
  section: AnalyticsSection;
  title: string;
  note: string;
  /** The filters in words: "the last 90 days · template Onboarding". */
  scopeLabel: string;
  periodLabel: string;
  /** The period as typed (normalised): `90d`, `12m`, `2026-q3`… */
  period: string;
  /** The template the view is filtered to, if any (the slip suggestions open on it). */
  templateId: string | null;
  /** The moment the numbers are for; later sections of the same view pass it back as `filters.asOf`. */
  asOf: Date;
  /** Absent without rows to draw, or where links cannot be made (no PUBLIC_URL key handed in). */
  chart: { url: string; altText: string } | null;
  /** The signed table request of the Export CSV button; null where links cannot be made. */
  exportToken: string | null;
}

/** What reading the analytics requires, checked by every analytics service. */
export const VIEWING_ANALYTICS = 'read the analytics';

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

/** What a link made for `userId` asks for: this section under this scope. */
export function analyticsRequest(scope: AnalyticsScope, section: AnalyticsSectionId, userId: string): AnalyticsRequest {
  return {
    o: scope.organizationId,
    u: userId,
    s: section,
    p: scope.period.text,
    ...(scope.template ? { t: scope.template.id } : {}),
    ...(scope.csm ? { c: scope.csm.userId } : {}),
    a: Math.floor(scope.asOf.getTime() / 1000),
  };
}

export function presentSection(
  section: AnalyticsSection,
  scope: AnalyticsScope,
  links: AnalyticsLinkDeps | undefined,
  userId: string | null,
): AnalyticsSectionView {
  // The command line has no user id to sign for; its links would answer nobody.
  const request = userId ? analyticsRequest(scope, section.id, userId) : null;
  const asOf = scope.asOf;
  const spec = chartSpec(section, scope.period.label);
  return {
    section,
    title: SECTION_TITLES[section.id],
    note: SECTION_NOTES[section.id],
    scopeLabel: scopeWords(scope),
    periodLabel: scope.period.label,
    period: scope.period.text,
    templateId: scope.template?.id ?? null,
    asOf,
    chart:
      spec && links && request
        ? { url: analyticsUrl(links, 'chart', request, asOf), altText: chartAltText(section, scope.period.label) }
        : null,
    exportToken: links && request ? tableRequestToken(links.secret, request, asOf) : null,
  };
}
