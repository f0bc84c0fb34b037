import { Router } from 'express';

export interface Readiness {
  /** Resolves when the database answers a query; rejects otherwise. */
  checkDatabase(): Promise<void>;
}

/** Liveness says the process is up; readiness says it can serve (the database answers). */
export function healthRoutes(readiness: Readiness): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.status(200).json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    try {
      await readiness.checkDatabase();
      res.status(200).json({ status: 'ready', database: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable', database: 'not answering' });
    }
  });
  return router;
}
