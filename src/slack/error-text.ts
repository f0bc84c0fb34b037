import { isAppError } from '../lib/errors';
import type { Logger } from '../lib/logger';

/** The sentence a person sees when their request fails: an AppError's own words, anything else a generic apology. */
export function errorText(error: unknown, logger: Logger): string {
  if (isAppError(error)) return `:warning: ${error.userMessage}`;
  logger.error({ err: error }, 'unexpected error in a Slack listener');
  return ':warning: Something went wrong on our side; the error was logged. Please try again.';
}
