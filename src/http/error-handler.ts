import type { ErrorRequestHandler } from 'express';
import { isAppError } from '../lib/errors';
import type { Logger } from '../lib/logger';

/** The last resort for JSON routes: an AppError becomes its status and sentence; anything else a logged 500. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (isAppError(error)) {
      res.status(error.status).json({ error: error.code, message: error.userMessage });
      return;
    }
    const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error({ err: error, path: req.path }, 'unhandled error in an HTTP route');
    res.status(status).json({ error: status === 500 ? 'internal' : 'bad_request' });
  };
}
