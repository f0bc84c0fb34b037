import type { VegaLiteSpec } from '../../domain/analytics-charts';

/** A rendered chart: PNG bytes and their size in pixels. */
export interface RenderedChart {
  png: Buffer;
  width: number;
  height: number;
}

/** Renders a Vega-Lite spec to PNG on the server (connectors/charts is the one implementation). */
export interface ChartRenderer {
  render(spec: VegaLiteSpec): Promise<RenderedChart>;
}
