/**
 * The customer portal, under /portal. Routes are thin: resolve the magic link, call one service, render one page.
 * Tokens live only in the path: they are never logged (errors are logged with the route pattern, not the URL),
 * never sent as Referer, and every unknown, expired or revoked link gets the same page. Failed lookups count
 * against the client's address (see rate-limiter.ts). A link preview (an unfurler, a mail scanner, a prefetch) gets a
 * neutral page instead and leaves no trace (see preview-fetch-gate.ts).
 */
import { clientKey, cspNonce, sendPage, sendRevalidatedPage } from './page-response';
import express, { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import type { FileStorage } from '../../connectors/storage/file-storage';
import { ERROR_CODES, isAppError } from '../../lib/errors';
import type { ServiceContext } from '../../services/context';
import { silentNotifier, type Notifier } from '../../services/notifications/notifier-port';
import { getPortalDownload } from '../../services/portal/get-portal-download';
import { getPortalLinkUnfurl } from '../../services/portal/get-portal-link-unfurl';
import { loadPortalPageSource, portalPageAt } from '../../services/portal/get-portal-page';
import { getPortalPreview } from '../../services/portal/get-portal-preview';
import { getPortalRequest } from '../../services/portal/get-portal-request';
import { openPortalHome, type PortalHomeOpening } from '../../services/portal/open-portal-home';
import { recordPortalVisit } from '../../services/portal/record-portal-visit';
import { resolvePortalToken, type PortalSession } from '../../services/portal/resolve-portal-token';
import { submitPortalForm } from '../../services/portal/submit-portal-form';
import { uploadPortalDocument } from '../../services/portal/upload-portal-document';
import { describeLimit, type UploadRules } from '../../services/portal/upload-rules';
import { CSRF_FIELD, isValidCsrfToken, issueCsrfToken } from './csrf';
import { readMultipartUpload } from './multipart-upload';
import { HomePageCache, NONCE_SLOT, renderedPage } from './home-page-cache';
import { homePage } from './pages/home-page';
import { linkProblemPage, messagePage, tooManyAttemptsPage } from './pages/message-page';
import { requestPage } from './pages/request-page';
import { linkFailureLimiter, type FailureLimiter } from './rate-limiter';
import { previewFetchGate, previewLookupLimiter } from './preview-fetch-gate';
import { portalSecurityHeaders } from './security-headers';
import { PORTAL_CSS } from './styles';

export interface PortalRouterOptions {
  ctx: ServiceContext;
  notifier?: Notifier;
  storage: FileStorage;
  /** Signs CSRF tokens and download links (see services/portal/portal-signing-key.ts). */
  secret: Buffer;
  publicUrl: string;
  uploads: UploadRules;
  /** Defaults to 20 failed link lookups per address per 15 minutes. */
  limiter?: FailureLimiter;
  /** Failed lookups by link previews (unfurlers, scanners), counted apart: see preview-fetch-gate.ts. */
  previewLimiter?: FailureLimiter;
  /** Home pages kept rendered, one per link (see home-page-cache.ts); 1000 unless told, 0 keeps none. */
  homePageCacheEntries?: number;
}

type PortalHandler<S = PortalSession> = (req: Request, res: Response, session: S, token: string) => Promise<void>;

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function createPortalRouter(options: PortalRouterOptions): Router {
  const { ctx } = options;
  const notifier = options.notifier ?? silentNotifier;
  const limiter = options.limiter ?? linkFailureLimiter();
  const previewLimiter = options.previewLimiter ?? previewLookupLimiter();
  const router = Router();
  const base = (req: Request) => req.baseUrl;
  const uploadInfo = { extensions: options.uploads.extensions, limitLabel: describeLimit(options.uploads.maxBytes) };
  const homePages = new HomePageCache({ maxEntries: options.homePageCacheEntries ?? 1000 });

  function refuseIfLimited(req: Request, res: Response): boolean {
    const wait = limiter.retryAfterSeconds(clientKey(req));
    if (wait === 0) return false;
    res.setHeader('Retry-After', String(wait));
    sendPage(res, 429, tooManyAttemptsPage({ base: base(req), nonce: cspNonce(res), retryAfterSeconds: wait }));
    return true;
  }

  /** Resolves the link in the path; answers with the dead-link or slow-down page itself when there is no session. */
  function withSession(handler: PortalHandler): RequestHandler {
    return withOpened((token) => resolvePortalToken(ctx, { token }), handler);
  }

  /** withSession with another way of opening the link (the home page's, which reads more in the same round trip). */
  function withOpened<S>(open: (token: string) => Promise<S | undefined>, handler: PortalHandler<S>): RequestHandler {
    return async (req, res, next) => {
      try {
        if (refuseIfLimited(req, res)) return;
        const token = String(req.params.token ?? '');
        const session = await open(token);
        if (!session) {
          limiter.recordFailure(clientKey(req));
          req.resume();
          sendPage(res, 404, linkProblemPage({ base: base(req), nonce: cspNonce(res) }));
          return;
        }
        // Known good from here on: the error page may link back to this portal.
        res.locals.portalToken = token;
        await handler(req, res, session, token).catch((error: unknown) => {
          const actionId = String(req.params.actionId ?? '');
          if (!(isAppError(error) && error.code === 'conflict' && ID_PATTERN.test(actionId))) throw error;
          // Already answered (another tab, a double click): show the request, which now says so.
          res.redirect(303, `${base(req)}/${token}/requests/${actionId}`);
        });
      } catch (error) {
        next(error);
      }
    };
  }

  async function renderRequest(
    req: Request,
    res: Response,
    session: PortalSession,
    token: string,
    status: number,
    extra: { values?: Record<string, string | string[] | undefined>; errors?: Record<string, string> } = {},
  ) {
    const actionId = String(req.params.actionId ?? '');
    const data = await getPortalRequest(ctx, { session, actionId });
    const csrfToken = issueCsrfToken(req, res, {
      secret: options.secret,
      portalAccessId: session.portalAccessId,
      cookiePath: base(req) || '/',
    });
    sendPage(
      res,
      status,
      requestPage({
        base: base(req),
        nonce: cspNonce(res),
        token,
        csrfToken,
        page: data,
        upload: uploadInfo,
        ...extra,
      }),
    );
  }

  function csrfRefused(req: Request, res: Response, token: string) {
    sendPage(
      res,
      403,
      messagePage({
        base: base(req),
        nonce: cspNonce(res),
        title: 'Please try that again',
        lead: 'This page was open for a while, so for your security we did not accept what you sent.',
        detail: 'Go back to the request, reload it, and send your answer again.',
        link: { href: `${base(req)}/${token}/requests/${String(req.params.actionId)}`, label: 'Back to the request' },
      }),
    );
  }

  router.use(portalSecurityHeaders());

  // Before any route that holds a secret in its path: a link preview never opens the portal, a download or the
  // team's preview, and never counts as a visit or as a wrong link.
  const magicLinkPreview = previewFetchGate({
    kind: 'portal',
    logger: ctx.logger,
    limiter: previewLimiter,
    lookup: (req) => getPortalLinkUnfurl(ctx, { token: String(req.params.token ?? '') }),
  });
  const otherLinkPreview = previewFetchGate({ kind: 'other', logger: ctx.logger, limiter: previewLimiter });

  router.get('/assets/portal.css', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type('text/css').send(PORTAL_CSS);
  });

  router.get('/files/:submissionId', otherLinkPreview, async (req, res, next) => {
    try {
      if (refuseIfLimited(req, res)) return;
      const download = await getPortalDownload(ctx, {
        submissionId: String(req.params.submissionId),
        expires: String(req.query.expires ?? ''),
        sig: String(req.query.sig ?? ''),
        secret: options.secret,
        storage: options.storage,
      }).catch((error: unknown) => {
        if (isAppError(error) && error.code === 'not_found') return undefined;
        throw error;
      });
      if (!download) {
        limiter.recordFailure(clientKey(req));
        sendPage(
          res,
          404,
          messagePage({
            base: base(req),
            nonce: cspNonce(res),
            title: 'This download link is not working',
            lead: 'It may have expired. Download links last 24 hours.',
          }),
        );
        return;
      }
      res.setHeader('Content-Type', download.contentType);
      res.setHeader('Content-Length', String(download.size));
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="${download.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(download.fileName)}`,
      );
      res.setHeader('Cache-Control', 'private, no-store');
      download.stream.on('error', (error) => next(error));
      download.stream.pipe(res);
    } catch (error) {
      next(error);
    }
  });

  // The team's read-only preview (the link Thread writes to HubSpot): signed, never a customer's magic link.
  router.get('/preview/:previewToken', otherLinkPreview, async (req, res, next) => {
    try {
      if (refuseIfLimited(req, res)) return;
      const data = await getPortalPreview(ctx, { token: String(req.params.previewToken), secret: options.secret });
      if (!data) {
        limiter.recordFailure(clientKey(req));
        sendPage(
          res,
          404,
          messagePage({
            base: base(req),
            nonce: cspNonce(res),
            title: 'This preview link is not working',
            lead: 'It may have expired: Thread renews the link on the HubSpot company every month.',
            detail: 'Open the company in HubSpot again and use the link shown there now.',
          }),
        );
        return;
      }
      sendPage(res, 200, homePage({ base: base(req), nonce: cspNonce(res), token: '', page: data, preview: true }));
    } catch (error) {
      next(error);
    }
  });

  /**
   * The home page: opening the link reads its session, counts the visit and reads the page's version in one round
   * trip; the page itself is read and rendered only when that version is not the one kept (home-page-cache.ts).
   */
  async function sendHome(req: Request, res: Response, opening: PortalHomeOpening, token: string) {
    const { session, pageVersion } = opening;
    const key = `${session.portalAccessId}\0${base(req)}`;
    const kept = homePages.get(key, pageVersion);
    const source = kept?.source ?? (await loadPortalPageSource(ctx, { session, version: pageVersion }));
    // A page just read has its schedule as of now; a kept one has it recomputed for now.
    const page = kept ? portalPageAt(kept.source, ctx.now(), kept.page) : source.page;
    if (typeof req.query.answered === 'string') {
      // Right after an answer: the thank-you note names it. Shown once, so neither kept nor revalidated.
      const answered = page.recentlyCompleted.find((d) => d.id === req.query.answered);
      sendPage(
        res,
        200,
        homePage({ base: base(req), nonce: cspNonce(res), token, page, answeredTitle: answered?.title }),
      );
      return;
    }
    let rendered = kept?.page === page ? kept.rendered : undefined;
    if (!rendered) {
      rendered = renderedPage(
        session.portalAccessId,
        homePage({ base: base(req), nonce: NONCE_SLOT, token, page }).value,
      );
      if (!rendered) {
        // The nonce slot could not be cut out (it cannot happen with layout.ts as it is): render for this response.
        sendPage(res, 200, homePage({ base: base(req), nonce: cspNonce(res), token, page }));
        return;
      }
      homePages.set(key, { source, page, rendered });
    }
    sendRevalidatedPage(req, res, rendered);
  }

  router.get(
    '/:token',
    magicLinkPreview,
    withOpened((token) => openPortalHome(ctx, { token }), sendHome),
  );

  router.get(
    '/:token/requests/:actionId',
    magicLinkPreview,
    withSession(async (req, res, session, token) => {
      await recordPortalVisit(ctx, { session });
      await renderRequest(req, res, session, token, 200);
    }),
  );

  router.post(
    '/:token/requests/:actionId',
    express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 100 }),
    withSession(async (req, res, session, token) => {
      const body = (req.body ?? {}) as Record<string, string | string[] | undefined>;
      if (
        !isValidCsrfToken(req, {
          secret: options.secret,
          portalAccessId: session.portalAccessId,
          token: body[CSRF_FIELD],
        })
      )
        return csrfRefused(req, res, token);
      const { [CSRF_FIELD]: _csrf, ...values } = body;
      const actionId = String(req.params.actionId);
      const result = await submitPortalForm(ctx, { session, actionId, values, notifier });
      if (!result.ok) return renderRequest(req, res, session, token, 422, { values, errors: result.errors });
      res.redirect(303, `${base(req)}/${token}?answered=${encodeURIComponent(actionId)}`);
    }),
  );

  router.post(
    '/:token/requests/:actionId/upload',
    withSession(async (req, res, session, token) => {
      const actionId = String(req.params.actionId);
      if (!req.is('multipart/form-data')) {
        req.resume();
        return renderRequest(req, res, session, token, 400, {
          errors: { file: 'The upload did not arrive complete. Please choose the file and try again.' },
        });
      }
      const declared = Number(req.headers['content-length'] ?? 0);
      // A body already announced as too large is refused before it is read (64 KB leaves room for the form's own parts).
      if (declared > options.uploads.maxBytes + 64 * 1024) {
        req.resume();
        return renderRequest(req, res, session, token, ERROR_CODES.file_too_large.status, {
          errors: { file: `That file is too large. The limit is ${uploadInfo.limitLabel}.` },
        });
      }
      const outcome = await readMultipartUpload(req, {
        maxFileBytes: options.uploads.maxBytes,
        fileField: 'file',
        checkFields: (fields) =>
          isValidCsrfToken(req, {
            secret: options.secret,
            portalAccessId: session.portalAccessId,
            token: fields[CSRF_FIELD],
          }),
        onFile: (file) =>
          uploadPortalDocument(ctx, {
            session,
            actionId,
            file,
            rules: options.uploads,
            storage: options.storage,
            notifier,
            publicUrl: options.publicUrl,
            secret: options.secret,
          }),
      });
      switch (outcome.kind) {
        case 'csrf_failed':
          return csrfRefused(req, res, token);
        case 'malformed':
          return renderRequest(req, res, session, token, 400, {
            errors: { file: 'The upload did not arrive complete. Please choose the file and try again.' },
          });
        case 'no_file':
          return renderRequest(req, res, session, token, 422, { errors: { file: 'Please choose a file to upload.' } });
        case 'failed': {
          const error = outcome.error;
          if (isAppError(error) && (error.code === 'validation_failed' || error.code === 'file_too_large')) {
            // A file the request cannot take is a 422; one over the size limit has its own code and status (413).
            const status = error.code === 'file_too_large' ? error.status : 422;
            return renderRequest(req, res, session, token, status, {
              errors: { file: error.message },
            });
          }
          throw error;
        }
        case 'done':
          res.redirect(303, `${base(req)}/${token}?answered=${encodeURIComponent(actionId)}`);
      }
    }),
  );

  router.use((req, res) => {
    sendPage(res, 404, linkProblemPage({ base: base(req), nonce: cspNonce(res) }));
  });

  const onError: ErrorRequestHandler = (error, req, res, _next) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (
      isAppError(error) &&
      (error.code === 'not_found' || error.code === 'not_configured' || error.code === 'validation_failed')
    ) {
      const notFound = error.code === 'not_found';
      sendPage(
        res,
        error.status,
        messagePage({
          base: base(req),
          nonce: cspNonce(res),
          title: notFound ? 'We could not find that' : 'That did not work',
          lead: `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}.`,
          link:
            typeof res.locals.portalToken === 'string'
              ? { href: `${base(req)}/${res.locals.portalToken}`, label: 'Back to your onboarding plan' }
              : undefined,
        }),
      );
      return;
    }
    const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) ctx.logger.error({ err: error, route: req.route?.path ?? 'portal' }, 'portal request failed');
    sendPage(
      res,
      status,
      messagePage({
        base: base(req),
        nonce: cspNonce(res),
        title:
          status === 413
            ? 'That was too much to send at once'
            : status === 500
              ? 'Something went wrong on our side'
              : 'That did not work',
        lead:
          status === 500
            ? 'Please try again in a minute. If it keeps happening, let your customer success manager know.'
            : 'Please go back and try again.',
      }),
    );
  };
  router.use(onError);
  return router;
}
