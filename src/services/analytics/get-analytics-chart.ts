/** The PNG behind a signed chart link (GET /analytics/charts/…): the section computed again and rendered. */
import { chartSpec } from '../../domain/analytics-charts';
import type { ServiceContext } from '../context';
import type { ChartRenderer, RenderedChart } from './chart-renderer-port';
import { openAnalyticsLink, type SignedLink } from './open-analytics-link';

/** Null when the link is not valid (forged, expired) or there is nothing left to draw. */
export async function getAnalyticsChart(
  ctx: ServiceContext,
  deps: { secret: Buffer; renderer: ChartRenderer },
  link: SignedLink,
): Promise<RenderedChart | null> {
  const opened = await openAnalyticsLink(ctx, deps.secret, 'chart', link);
  if (!opened) return null;
  const spec = chartSpec(opened.section, opened.scope.period.label);
  return spec ? deps.renderer.render(spec) : null;
}
