/**
 * GET /: a plain page that says what Thread runs with and what to do next. It is the same for everyone and
 * shows no secret and no customer data, so it needs no sign-in.
 */
import { createHash } from 'node:crypto';
import { Router } from 'express';
import { FIRST_RUN_STYLE, firstRunPage } from './first-run-page';
import type { FirstRunStatus } from './first-run-status';
import { createSlackAppLink } from './slack-app-link';

export function createFirstRunRouter(options: { status: FirstRunStatus; manifest: unknown }): Router {
  // The page never changes while the process runs: render it once.
  const link =
    options.manifest === undefined ? undefined : createSlackAppLink(options.manifest, options.status.publicUrl);
  const body = firstRunPage(options.status, link).value;
  const styleHash = createHash('sha256').update(FIRST_RUN_STYLE).digest('base64');
  const router = Router();
  router.get('/', (_req, res) => {
    res
      .set({
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': `default-src 'none'; style-src 'sha256-${styleHash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-store',
      })
      .send(body);
  });
  return router;
}
