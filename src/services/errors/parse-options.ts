import type { z } from 'zod';
import { AppError } from '../../lib/errors';
import { fieldErrorsOf } from './field-errors-of';

/** Validates a service's options object; every problem is named in one validation_failed error, field by field. */
export function parseOptions<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = fieldErrorsOf(parsed.error);
  throw new AppError('validation_failed', fields.map((f) => `${f.field}: ${f.message}`).join('; '), { fields });
}
