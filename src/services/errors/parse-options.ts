import type { z } from 'zod';
import { AppError } from '../../lib/errors';

/** Validates a service's options object; every problem is named in one validation_failed error. */
export function parseOptions<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`);
  throw new AppError('validation_failed', fields.join('; '), { details: fields });
}
