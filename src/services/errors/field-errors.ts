import { toCalendarDate } from '../../domain/calendar-date';
import { AppError } from '../../lib/errors';

export interface FieldProblem {
  /** The option's name, which is also the field a form shows the sentence beside. */
  field: string;
  message: string;
}

/**
 * A validation_failed error about named fields: every problem in the sentence, and each one in the error's
 * `fields` so a Slack modal or a web form can show it beside its input.
 */
export function fieldErrors(problems: readonly FieldProblem[]): AppError {
  return new AppError('validation_failed', problems.map((p) => p.message).join(' '), {
    fields: problems.map((p) => ({ field: p.field, message: p.message })),
  });
}

export function fieldError(field: string, message: string): AppError {
  return fieldErrors([{ field, message }]);
}

/** A 'YYYY-MM-DD' a person typed, as a calendar day; a day that does not exist (30 February) is that field's error. */
export function calendarDayOf(field: string, value: string): Date {
  try {
    return toCalendarDate(value);
  } catch {
    throw fieldError(field, `${value} is not a real day.`);
  }
}
