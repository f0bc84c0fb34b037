/**
 * Signed analytics links (see services/analytics/analytics-links.ts): GET /analytics/charts/<request>.png, the
 * chart Slack fetches for an image block, and GET /analytics/csv/<request>.csv, a table downloaded from a DM. The
 * signature is the credential; a forged or expired link gets 403 with what to do instead, never a hint of data.
 */
import express, { type Router } from 'express';
import type { ServiceContext } from '../../services/context';
import type { ChartRenderer } from '../../services/analytics/chart-renderer-port';
import { getAnalyticsChart } from '../../services/analytics/get-analytics-chart';
import { getAnalyticsCsv } from '../../services/analytics/get-analytics-csv';

const REFUSED = 'This analytics link is not valid or has expired. Open Analytics in Thread again for a fresh one.\n';

function query(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function createAnalyticsRouter(deps: { ctx: ServiceContext; secret: Buffer; renderer: ChartRenderer }): Router {
  const router = express.Router();

  router.get('/charts/:payload.png', async (req, res, next) => {
    try {
      const chart = await getAnalyticsChart(
        deps.ctx,
        { secret: deps.secret, renderer: deps.renderer },
        { payload: req.params.payload, expires: query(req.query.expires), sig: query(req.query.sig) },
      );
      if (!chart) return void res.status(403).type('text/plain').send(REFUSED);
      res.setHeader('Content-Type', 'image/png');
      res.setHeader('Content-Length', String(chart.png.length));
      // Numbers of one organisation: proxies must not keep them; the person's own cache may, until the link expires.
      res.setHeader('Cache-Control', 'private, max-age=3600');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.end(chart.png);
    } catch (error) {
      next(error);
    }
  });

  router.get('/csv/:payload.csv', async (req, res, next) => {
    try {
      const file = await getAnalyticsCsv(deps.ctx, deps.secret, {
        payload: req.params.payload,
        expires: query(req.query.expires),
        sig: query(req.query.sig),
      });
      if (!file) return void res.status(403).type('text/plain').send(REFUSED);
      // A byte-order mark, so Excel reads the names as UTF-8.
      const body = Buffer.from(`\ufeff${file.csv}`, 'utf8');
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Length', String(body.length));
      res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
      res.setHeader('Cache-Control', 'private, no-store');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.end(body);
    } catch (error) {
      next(error);
    }
  });

  return router;
}
