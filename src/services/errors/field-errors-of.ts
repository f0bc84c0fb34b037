import type { z } from 'zod';
import type { FieldError } from '../../lib/errors';

/** Zod's issues as field errors, named by the option path ("contact.email"); a problem with the whole object is "options". */
export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({ field: i.path.join('.') || 'options', message: i.message }));
}
