/**
 * Charts on the server: a Vega-Lite spec is compiled to Vega, drawn to SVG by Vega's headless view (no canvas, no
 * browser), and the SVG rasterised to PNG by resvg, which Slack's image blocks take. resvg reads only the DejaVu Sans
 * file bundled with the app, never the system's fonts, so a chart looks the same on every machine.
 */
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { CHART_FONT, CHART_SCALE, type VegaLiteSpec } from '../../domain/analytics-charts';

export interface RenderedPng {
  png: Buffer;
  width: number;
  height: number;
}

const FONT_FILE = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');

export function createVegaChartRenderer(options: { scale?: number } = {}) {
  const scale = options.scale ?? CHART_SCALE;
  return {
    async render(spec: VegaLiteSpec): Promise<RenderedPng> {
      const compiled = compile(spec as unknown as TopLevelSpec).spec;
      // renderer 'none': the view only lays the marks out; toSVG draws them as text, no canvas needed.
      const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
      try {
        const svg = await view.toSVG(scale);
        const image = new Resvg(svg, {
          font: { fontFiles: [FONT_FILE], loadSystemFonts: false, defaultFontFamily: CHART_FONT },
        }).render();
        return { png: image.asPng(), width: image.width, height: image.height };
      } finally {
        view.finalize();
      }
    },
  };
}
