/**
 * The charts connector with the real vega, vega-lite and resvg: every analytics chart becomes a real PNG of the
 * size the specs promise (640 × 320 at twice the pixels), however long or hostile the names in it.
 */
import { CHART_HEIGHT, CHART_SCALE, CHART_WIDTH, chartSpec } from '../../../src/domain/analytics-charts';
import { createVegaChartRenderer } from '../../../src/connectors/charts/vega-chart-renderer';
import { pngSize } from '../../support/png';
import { sampleSections } from '../../support/analytics-samples';

describe('the Vega chart renderer', () => {
  const renderer = createVegaChartRenderer();

  it.each(sampleSections().map((s) => [s.id, s] as const))(
    'draws %s as a PNG of the promised size',
    async (_id, section) => {
      const spec = chartSpec(section, 'the last 90 days');
      expect(spec).not.toBeNull();
      const chart = await renderer.render(spec!);
      expect(pngSize(chart.png)).toEqual({ width: CHART_WIDTH * CHART_SCALE, height: CHART_HEIGHT * CHART_SCALE });
      expect(chart).toMatchObject({ width: CHART_WIDTH * CHART_SCALE, height: CHART_HEIGHT * CHART_SCALE });
      // A drawn chart, not a blank page: a white 1280 × 640 PNG compresses to well under 10 KB.
      expect(chart.png.length).toBeGreaterThan(10_000);
    },
  );

  it('has no chart for a section with no rows', () => {
    expect(chartSpec({ id: 'slip_by_side', rows: [] }, 'the last 90 days')).toBeNull();
  });
});
