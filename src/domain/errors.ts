/**
 * Errors raised by the pure domain. Each carries a stable `code` so the application layer can
 * map it to its own error codes (HTTP status, Slack sentence) without matching on messages.
 */

export const DOMAIN_ERROR_CODES = [
  'illegal_transition',
  'note_required',
  'invalid_time_zone',
  'invalid_argument',
  'invalid_template',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export class DomainError extends Error {
  readonly code: DomainErrorCode;

  constructor(code: DomainErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

export type TransitionEntity = 'action' | 'milestone' | 'account';

export interface IllegalTransitionDetails {
  entity: TransitionEntity;
  from: string;
  /** The status the event would have led to. */
  to: string;
  event: string;
  /** The sentence shown to the user; callers build it so it can name the state in plain words. */
  message: string;
}

export class IllegalTransitionError extends DomainError {
  readonly entity: TransitionEntity;
  readonly from: string;
  readonly to: string;
  readonly event: string;

  constructor(details: IllegalTransitionDetails) {
    super('illegal_transition', details.message);
    this.entity = details.entity;
    this.from = details.from;
    this.to = details.to;
    this.event = details.event;
  }
}

export class NoteRequiredError extends DomainError {
  constructor(
    message = 'A blocked milestone needs a note saying what it is waiting on; the customer sees it in the portal.',
  ) {
    super('note_required', message);
  }
}

export class InvalidTimeZoneError extends DomainError {
  readonly timeZone: string;

  constructor(timeZone: string) {
    super(
      'invalid_time_zone',
      `"${timeZone}" is not a time zone this system knows (expected an IANA name such as Europe/Berlin).`,
    );
    this.timeZone = timeZone;
  }
}

/** A caller passed a value the domain cannot work with (a bad date, a fractional day count). */
export class InvalidArgumentError extends DomainError {
  constructor(message: string) {
    super('invalid_argument', message);
  }
}

export interface TemplateProblem {
  path: string;
  message: string;
}

export class InvalidTemplateError extends DomainError {
  readonly problems: readonly TemplateProblem[];

  constructor(problems: readonly TemplateProblem[]) {
    const list = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
    super(
      'invalid_template',
      `The template has ${problems.length} problem${problems.length === 1 ? '' : 's'}: ${list}`,
    );
    this.problems = problems;
  }
}
