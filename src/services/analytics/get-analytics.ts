/**
 * Every section of the analytics at once, for the same moment and filters (`/thread analytics`, the benchmark).
 * The sections run one after another on one scope: each is a single aggregate statement.
 */
import { z } from 'zod';
import { ANALYTICS_SECTIONS } from '../../domain/analytics';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import type { AnalyticsLinkDeps } from './analytics-links';
import { scopeWords } from './analytics-scope';
import { presentSection, type AnalyticsSectionView } from './analytics-section-view';
import { leaderRequestShape, openLeaderScope } from './open-leader-scope';
import { runAggregate } from './run-aggregate';

const optionsSchema = z.object(leaderRequestShape);

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
  const { person, scope } = await openLeaderScope(ctx, o);
  const sections: AnalyticsSectionView[] = [];
  for (const id of ANALYTICS_SECTIONS)
    sections.push(presentSection(await runAggregate(ctx.prisma, id, scope), scope, links, person.userId));
  return { scopeLabel: scopeWords(scope), asOf: scope.asOf, sections };
}
