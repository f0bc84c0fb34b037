/**
 * A computed analytics section as the surfaces show it: titles, the filters in words, the chart's signed URL with
 * its text alternative, and the signed table request of its Export CSV button. Shared by the analytics services.
 */
import { SECTION_NOTES, SECTION_TITLES, type AnalyticsSection, type AnalyticsSectionId } from '../../domain/analytics';
import { chartAltText, chartSpec } from '../../domain/analytics-charts';
import { localDateOf } from '../../domain/business-days';
import { formatCalendarDate } from '../../domain/calendar-date';
import { analyticsLink, tableRequestToken, type AnalyticsLinkDeps, type AnalyticsRequest } from './analytics-links';
import { scopeWords, type AnalyticsScope } from './analytics-scope';

/** What reading the analytics requires, checked by every analytics service. */
export const VIEWING_ANALYTICS = 'read the analytics';

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
        ? { url: analyticsLink(links, 'chart', request, asOf).url, altText: chartAltText(section, scope.period.label) }
        : null,
    exportToken: links && request ? tableRequestToken(links.secret, request, asOf) : null,
  };
}

/** "thread-slip-by-side-90d-2026-11-24.csv": what, over which period, as of which local day. */
export function csvFileName(section: AnalyticsSectionId, scope: AnalyticsScope): string {
  const day = formatCalendarDate(localDateOf(scope.asOf, scope.timeZone));
  return `thread-${section.replace(/_/g, '-')}-${scope.period.text.replace(/[^a-z0-9-]/g, '')}-${day}.csv`;
}
