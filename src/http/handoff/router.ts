/**
 * The AE's handoff form on the web, under /handoff, for an AE without Thread access; the same security as the
 * portal: the token lives only in the path (stored hashed, with an expiry, never logged), every unknown, replaced or
 * expired link gets the same page and counts against the client's address, forms carry a CSRF token bound to the
 * handoff, responses carry the portal's security headers. Routes are thin: resolve the link, call one service,
 * render one page. The form writes the same record as the Slack modal (submitHandoff). A link preview (an unfurler,
 * a mail scanner) gets a neutral page instead (see portal/preview-fetch-gate.ts).
 */
import { clientKey, cspNonce, sendPage } from '../portal/page-response';
import express, { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import { isAppError } from '../../lib/errors';
import type { ServiceContext } from '../../services/context';
import { announceHandoff } from '../../services/handoff/announce-handoff';
import { getHandoffForm } from '../../services/handoff/get-handoff-form';
import { getHandoffLinkUnfurl } from '../../services/handoff/get-handoff-link-unfurl';
import { resolveHandoffToken, type HandoffLink } from '../../services/handoff/resolve-handoff-token';
import { submitHandoff } from '../../services/handoff/submit-handoff';
import { silentNotifier, type Notifier } from '../../services/notifications/notifier-port';
import { CSRF_FIELD, isValidCsrfToken, issueCsrfToken } from '../portal/csrf';
import { previewFetchGate, previewLookupLimiter } from '../portal/preview-fetch-gate';
import { linkFailureLimiter, type FailureLimiter } from '../portal/rate-limiter';
import { portalSecurityHeaders } from '../portal/security-headers';
import { PORTAL_CSS } from '../portal/styles';
import {
  HANDOFF_CSS,
  handoffDonePage,
  handoffFormPage,
  handoffLinkProblemPage,
  handoffMessagePage,
  handoffTooManyAttemptsPage,
  type HandoffValues,
} from './pages/handoff-pages';

export interface HandoffRouterOptions {
  ctx: ServiceContext;
  notifier?: Notifier;
  /** Signs the CSRF tokens (the portal's signing key: services/portal/portal-signing-key.ts). */
  secret: Buffer;
  /** The contradiction check, wired by the composition root (see announceHandoff). */
  checkHandoff?: (o: { organizationId: string; accountId: string }) => Promise<unknown>;
  /** Defaults to 20 failed link lookups per address per 15 minutes. */
  limiter?: FailureLimiter;
  /** Failed lookups by link previews (unfurlers, scanners), counted apart: see portal/preview-fetch-gate.ts. */
  previewLimiter?: FailureLimiter;
}

type HandoffHandler = (req: Request, res: Response, link: HandoffLink, token: string) => Promise<void>;

/** What the CSRF token is bound to: this handoff, never a portal link. */
const csrfSubject = (link: HandoffLink) => `handoff:${link.handoffId}`;

export function createHandoffRouter(options: HandoffRouterOptions): Router {
  const { ctx } = options;
  const notifier = options.notifier ?? silentNotifier;
  const limiter = options.limiter ?? linkFailureLimiter();
  const router = Router();
  // A link preview (an unfurler, a mail scanner) never opens the form, gets its CSRF cookie or counts as a wrong link.
  const linkPreview = previewFetchGate({
    kind: 'handoff',
    logger: ctx.logger,
    limiter: options.previewLimiter ?? previewLookupLimiter(),
    lookup: (req) => getHandoffLinkUnfurl(ctx, { token: String(req.params.token ?? '') }),
  });
  const base = (req: Request) => req.baseUrl;

  function withLink(handler: HandoffHandler): RequestHandler {
    return async (req, res, next) => {
      try {
        const wait = limiter.retryAfterSeconds(clientKey(req));
        if (wait > 0) {
          req.resume();
          res.setHeader('Retry-After', String(wait));
          sendPage(
            res,
            429,
            handoffTooManyAttemptsPage({ base: base(req), nonce: cspNonce(res), retryAfterSeconds: wait }),
          );
          return;
        }
        const token = String(req.params.token ?? '');
        const link = await resolveHandoffToken(ctx, { token });
        if (!link) {
          limiter.recordFailure(clientKey(req));
          req.resume();
          sendPage(res, 404, handoffLinkProblemPage({ base: base(req), nonce: cspNonce(res) }));
          return;
        }
        await handler(req, res, link, token);
      } catch (error) {
        next(error);
      }
    };
  }

  async function renderForm(
    req: Request,
    res: Response,
    link: HandoffLink,
    token: string,
    status: number,
    extra: { values?: HandoffValues; errors?: Record<string, string> } = {},
  ) {
    const form = await getHandoffForm(ctx, {
      organizationId: link.organizationId,
      accountId: link.accountId,
      actor: { token },
    });
    if (form.submitted) {
      sendPage(
        res,
        status === 200 ? 200 : 409,
        handoffDonePage({ base: base(req), nonce: cspNonce(res), form, justNow: false }),
      );
      return;
    }
    const csrfToken = issueCsrfToken(req, res, {
      secret: options.secret,
      portalAccessId: csrfSubject(link),
      cookiePath: base(req) || '/',
    });
    sendPage(res, status, handoffFormPage({ base: base(req), nonce: cspNonce(res), token, csrfToken, form, ...extra }));
  }

  router.use(portalSecurityHeaders());

  router.get('/assets/portal.css', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type('text/css').send(PORTAL_CSS + HANDOFF_CSS);
  });

  router.get(
    '/:token',
    linkPreview,
    withLink(async (req, res, link, token) => {
      if (req.query.done === '1') {
        const form = await getHandoffForm(ctx, {
          organizationId: link.organizationId,
          accountId: link.accountId,
          actor: { token },
        });
        if (form.submitted) {
          sendPage(res, 200, handoffDonePage({ base: base(req), nonce: cspNonce(res), form, justNow: true }));
          return;
        }
      }
      await renderForm(req, res, link, token, 200);
    }),
  );

  router.post(
    '/:token',
    express.urlencoded({ extended: false, limit: '256kb', parameterLimit: 1000 }),
    withLink(async (req, res, link, token) => {
      const body = (req.body ?? {}) as HandoffValues;
      if (
        !isValidCsrfToken(req, { secret: options.secret, portalAccessId: csrfSubject(link), token: body[CSRF_FIELD] })
      ) {
        sendPage(
          res,
          403,
          handoffMessagePage({
            base: base(req),
            nonce: cspNonce(res),
            title: 'Please try that again',
            lead: 'This page was open for a while, so for your security we did not accept what you sent.',
            detail: 'Go back to the form, reload it, and submit your answers again.',
          }),
        );
        return;
      }
      const { [CSRF_FIELD]: _csrf, ...values } = body;
      const answers = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v ?? null]));
      let submitted;
      try {
        submitted = await submitHandoff(ctx, {
          organizationId: link.organizationId,
          accountId: link.accountId,
          actor: { token },
          answers,
        });
      } catch (error) {
        if (isAppError(error) && error.code === 'validation_failed' && error.fields.length > 0) {
          const errors = Object.fromEntries(error.fields.map((f) => [f.field.replace(/^answers\./, ''), f.message]));
          await renderForm(req, res, link, token, 422, { values, errors });
          return;
        }
        // Submitted meanwhile (another tab, a double click): the page says by whom and when.
        if (isAppError(error) && error.code === 'conflict') return renderForm(req, res, link, token, 409);
        throw error;
      }
      await announceHandoff(ctx, { notifier, checkHandoff: options.checkHandoff }, submitted);
      res.redirect(303, `${base(req)}/${token}?done=1`);
    }),
  );

  router.use((req, res) => {
    sendPage(res, 404, handoffLinkProblemPage({ base: base(req), nonce: cspNonce(res) }));
  });

  const onError: ErrorRequestHandler = (error, req, res, _next) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) ctx.logger.error({ err: error, route: req.route?.path ?? 'handoff' }, 'handoff request failed');
    sendPage(
      res,
      status,
      handoffMessagePage({
        base: base(req),
        nonce: cspNonce(res),
        title: status === 500 ? 'Something went wrong on our side' : 'That did not work',
        lead:
          status === 500
            ? 'Please try again in a minute. If it keeps happening, let the customer success manager know.'
            : 'Please go back and try again.',
      }),
    );
  };
  router.use(onError);
  return router;
}
