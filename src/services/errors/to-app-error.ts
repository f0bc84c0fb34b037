import { DomainError } from '../../domain/errors';
import { AppError } from '../../lib/errors';

/**
 * Domain errors carry their own sentence; services rethrow them as AppErrors so Slack and HTTP show them through
 * the one code table. Anything else passes through untouched.
 */
export function toAppError(error: unknown): unknown {
  if (!(error instanceof DomainError)) return error;
  switch (error.code) {
    case 'illegal_transition':
      return new AppError('illegal_transition', error.message, { cause: error });
    case 'note_required':
    case 'invalid_argument':
    case 'invalid_time_zone':
      return new AppError('validation_failed', error.message, { cause: error });
    case 'invalid_template':
      return new AppError('template_invalid', error.message, { cause: error });
  }
}
