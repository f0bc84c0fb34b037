/**
 * What a failed HubSpot call means, in words an admin can act on. The SDK throws one ApiException class per API
 * module (so `instanceof` cannot be used): it is recognised by its numeric `code` and its `body`. Nothing from the
 * request (the token) is ever in the sentence; HubSpot's own message is quoted only for a 4xx, where it names
 * the scope or property at fault.
 */
import { AppError } from '../../lib/errors';

interface HubSpotApiFailure {
  code: number;
  body?: unknown;
}

function isApiFailure(error: unknown): error is HubSpotApiFailure {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'number';
}

/** The HTTP status of a failed SDK call, or undefined when HubSpot was not reached. */
export function hubspotStatus(error: unknown): number | undefined {
  return isApiFailure(error) ? error.code : undefined;
}

function hubspotMessage(body: unknown): string | undefined {
  if (typeof body === 'object' && body !== null) {
    const message = (body as { message?: unknown }).message;
    if (typeof message === 'string' && message.trim() !== '') return message.trim().slice(0, 300);
  }
  return undefined;
}

/** An AppError for a failed call; `doing` says what Thread was doing ("reading deal 123"). */
export function hubspotError(error: unknown, doing: string): AppError {
  if (error instanceof AppError) return error;
  if (!isApiFailure(error)) {
    return new AppError('connector_failed', `HubSpot could not be reached while ${doing}`, { cause: error });
  }
  const said = hubspotMessage(error.body);
  const quoted = said ? ` HubSpot said: "${said}"` : '';
  const status = error.code;
  if (status === 401)
    return new AppError(
      'connector_failed',
      `HubSpot refused the access token while ${doing}: check the private app's token (it may have been rotated or deleted)`,
      { cause: error },
    );
  if (status === 403)
    return new AppError(
      'connector_failed',
      `HubSpot refused ${doing}: the private app is missing a scope it needs.${quoted}`,
      { cause: error },
    );
  if (status === 429)
    return new AppError(
      'connector_failed',
      `HubSpot's rate limit was still reached after retrying while ${doing}; Thread will try again on the next sync`,
      { cause: error },
    );
  if (status >= 500)
    return new AppError(
      'connector_failed',
      `HubSpot answered with an error (${status}) while ${doing}, even after retrying`,
      { cause: error },
    );
  return new AppError('connector_failed', `HubSpot refused ${doing} (${status}).${quoted}`, { cause: error });
}
