/**
 * One error type for everything a person can cause or must act on. Each code maps to an HTTP status and to
 * the sentence shown in Slack or the portal, so every surface says the same thing about the same failure.
 */

export const ERROR_CODES = {
  config_invalid: { status: 500, title: 'Thread is not configured correctly' },
  validation_failed: { status: 400, title: 'Some of that input is not valid' },
  file_too_large: { status: 413, title: 'That file is too large' },
  /** A form (a Slack modal) carries state from when it was opened that no longer reads: it must be opened again. */
  form_out_of_date: { status: 409, title: 'This form is out of date' },
  not_found: { status: 404, title: 'Not found' },
  forbidden: { status: 403, title: 'You are not allowed to do that' },
  conflict: { status: 409, title: 'That changed while you were working on it' },
  illegal_transition: { status: 409, title: 'That step is not possible in the current state' },
  template_invalid: { status: 400, title: 'The template file is not valid' },
  connector_failed: { status: 502, title: 'A connected service did not answer as expected' },
  not_configured: { status: 503, title: 'That feature is not set up yet' },
  rate_limited: { status: 429, title: 'Too many attempts' },
  unauthorized: { status: 401, title: 'Not signed in' },
  internal: { status: 500, title: 'Something went wrong on our side' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** One problem with one input, named by the service's own option path ("contact.email"), so a surface can show it beside its field. */
export interface FieldError {
  field: string;
  message: string;
}

export interface AppErrorOptions {
  /** Extra structured detail, safe to show to the person who caused the error. */
  details?: unknown;
  /** The inputs at fault; each surface maps the field names onto its own fields. */
  fields?: FieldError[];
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  readonly fields: FieldError[];

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details;
    this.fields = options.fields ?? [];
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  /** What a person sees: the code's title, then this error's own sentence. */
  get userMessage(): string {
    return `${ERROR_CODES[this.code].title}: ${this.message}`;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
