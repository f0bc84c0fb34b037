/**
 * The one Express app: health checks, and the routers each area contributes (Slack's receiver, the portal,
 * webhooks). Body parsers are mounted by each router for its own routes only, so Slack's and HubSpot's
 * signature checks see the raw body.
 */
import express, { type Express, type Router } from 'express';
import type { Logger } from '../lib/logger';
import { healthRoutes, type Readiness } from './health';
import { errorHandler } from './error-handler';

export interface HttpAppOptions {
  readiness: Readiness;
  logger: Logger;
  /** Mounted in order, after the health routes. */
  routers?: { path: string; router: Router | Express }[];
}

export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.use(healthRoutes(options.readiness));
  for (const { path, router } of options.routers ?? []) app.use(path, router);
  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found' });
  });
  app.use(errorHandler(options.logger));
  return app;
}
