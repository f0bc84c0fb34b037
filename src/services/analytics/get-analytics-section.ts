/**
 * One section of the analytics, for a leader: the aggregate computed in SQL, with its chart's signed URL, its text
 * alternative and the signed request its Export CSV button carries. App Home calls it once per section so the first
 * chart shows while the others are still computed.
 */
import { z } from 'zod';
import { ANALYTICS_SECTIONS } from '../../domain/analytics';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import type { AnalyticsLinkDeps } from './analytics-links';
import { presentSection, type AnalyticsSectionView } from './analytics-section-view';
import { leaderRequestShape, openLeaderScope } from './open-leader-scope';
import { runAggregate } from './run-aggregate';

const optionsSchema = z.object({
  ...leaderRequestShape,
  section: z.enum(ANALYTICS_SECTIONS),
});

export async function getAnalyticsSection(
  ctx: ServiceContext,
  links: AnalyticsLinkDeps | undefined,
  input: z.input<typeof optionsSchema>,
): Promise<AnalyticsSectionView> {
  const o = parseOptions(optionsSchema, input);
  const { person, scope } = await openLeaderScope(ctx, o);
  const section = await runAggregate(ctx.prisma, o.section, scope);
  return presentSection(section, scope, links, person.userId);
}
