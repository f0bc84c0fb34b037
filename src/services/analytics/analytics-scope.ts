/**
 * The filters of an analytics view, resolved against the organisation: the period as local dates and the instants
 * they start at (in the organisation's zone), the template by name or id, the CSM by user id. Every aggregate
 * takes the resolved scope, so each one counts the same accounts for the same days.
 */
import { z } from 'zod';
import { DEFAULT_PERIOD, PERIOD_HELP, parseAnalyticsPeriod, type AnalyticsPeriod } from '../../domain/analytics-period';
import { localDateAt, localDateOf } from '../../domain/business-days';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';

export const analyticsFiltersSchema = z.object({
  /** `30d`, `90d`, `12m`, `ytd`, `2026-q3`…; the last 90 days when left out. */
  period: z.string().trim().max(16).optional(),
  /** A template by its name (as typed after `template:`), or by id (as links carry it). */
  template: z.string().trim().min(1).max(200).optional(),
  templateId: z.string().min(1).optional(),
  csmUserId: z.string().min(1).optional(),
  /** The moment to compute for; now when left out. A link carries the moment its numbers were shown for. */
  asOf: z.date().optional(),
});
export type AnalyticsFilters = z.input<typeof analyticsFiltersSchema>;

export interface AnalyticsScope {
  organizationId: string;
  timeZone: string;
  period: AnalyticsPeriod;
  /** The instants the period's first local date and the date after its last start at. */
  fromInstant: Date;
  toInstant: Date;
  /** What "now" means for workload, open blocks and at-risk accounts. */
  asOf: Date;
  template: { id: string; name: string } | null;
  csm: { userId: string; name: string } | null;
}

type Db = Pick<ServiceContext['prisma'], 'organization' | 'template' | 'user'>;

export async function resolveAnalyticsScope(
  db: Db,
  organizationId: string,
  filters: z.output<typeof analyticsFiltersSchema>,
  now: Date,
): Promise<AnalyticsScope> {
  const org = await db.organization.findUnique({ where: { id: organizationId }, select: { timezone: true } });
  if (!org) throw new AppError('not_found', 'that organisation does not exist in Thread.');
  // Whole seconds: links carry the moment in seconds, and a chart fetched from one must count what the view did.
  const asOf = new Date(Math.floor((filters.asOf ?? now).getTime() / 1000) * 1000);
  const periodText = filters.period || DEFAULT_PERIOD;
  const period = parseAnalyticsPeriod(periodText, localDateOf(asOf, org.timezone));
  if (!period)
    throw new AppError('validation_failed', `"${periodText}" is not a period Thread knows: ${PERIOD_HELP}.`, {
      fields: [{ field: 'period', message: PERIOD_HELP }],
    });

  let template: AnalyticsScope['template'] = null;
  if (filters.templateId || filters.template) {
    const found = await db.template.findFirst({
      where: filters.templateId
        ? { id: filters.templateId, organizationId }
        : { organizationId, name: { equals: filters.template, mode: 'insensitive' } },
      select: { id: true, name: true },
    });
    if (!found) {
      const names = await db.template.findMany({
        where: { organizationId },
        orderBy: { name: 'asc' },
        take: 20,
        select: { name: true },
      });
      throw new AppError(
        'validation_failed',
        `there is no template named "${filters.template ?? filters.templateId}"${names.length ? `; the templates are ${names.map((n) => n.name).join(', ')}` : ''}.`,
        { fields: [{ field: 'template', message: 'no such template' }] },
      );
    }
    template = found;
  }

  let csm: AnalyticsScope['csm'] = null;
  if (filters.csmUserId) {
    const user = await db.user.findFirst({
      where: { id: filters.csmUserId, organizationId },
      select: { id: true, name: true },
    });
    if (!user) throw new AppError('validation_failed', 'that person is not in Thread, so they are nobody’s CSM here.');
    csm = { userId: user.id, name: user.name };
  }

  return {
    organizationId,
    timeZone: org.timezone,
    period,
    fromInstant: localDateAt(period.from, 0, org.timezone),
    toInstant: localDateAt(period.to, 0, org.timezone),
    asOf,
    template,
    csm,
  };
}

/** The filters in words, for headings and file names: "the last 90 days · template Onboarding · CSM Casey Morgan". */
export function scopeWords(scope: AnalyticsScope): string {
  return [
    scope.period.label,
    ...(scope.template ? [`template ${scope.template.name}`] : []),
    ...(scope.csm ? [`CSM ${scope.csm.name}`] : []),
  ].join(' · ');
}
