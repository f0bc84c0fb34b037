/**
 * What a person sees in Slack when their request fails, in the two places Slack shows it: a message (ephemeral reply,
 * DM, a refusal modal) and the one line under a modal's field. Both are built from the same sentence, the AppError
 * code table's title and the error's own words, so neither is derived from the other by stripping.
 */
import { isAppError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import { LIMITS, truncate } from './blocks/text';

const UNEXPECTED = 'Something went wrong on our side; the error was logged. Please try again.';

function sentence(error: unknown, logger: Logger): string {
  if (isAppError(error)) return error.userMessage;
  logger.error({ err: error }, 'unexpected error in a Slack listener');
  return UNEXPECTED;
}

/** For a message: with the warning sign that marks it as a refusal among other messages. */
export function errorText(error: unknown, logger: Logger): string {
  return `:warning: ${sentence(error, logger)}`;
}

/** For the line under a modal's field: the sentence alone (Slack marks it as an error), short enough for the line. */
export function inlineErrorText(error: unknown, logger: Logger): string {
  return truncate(sentence(error, logger), LIMITS.inlineError);
}
