/**
 * What a drafter is told about one action, and what it answers. Thread's own types, shared by the drafting
 * service and the AI connector (connectors return Thread's types, not the SDK's). Split in two on purpose:
 * `stable` is the same for every action of an account for a while (so the AI connector can cache it), `task`
 * is this action only.
 */
import type { ActionType } from './template';

export interface DraftStableContext {
  organization: { name: string; brandVoice: string };
  csm: { name: string; email: string | null; title?: string | null } | null;
  account: {
    name: string;
    domain: string | null;
    industry: string | null;
    arr: number;
    kickoffDate: string;
    goLiveDate: string | null;
  };
  contacts: { name: string; email: string; title: string | null; isPrimary: boolean }[];
  handoffAnswers: { question: string; answer: string }[];
  /** The whole plan in order: where the customer stands and what comes next. */
  milestones: {
    name: string;
    status: string;
    plannedStartDate: string;
    plannedEndDate: string;
    exitCriteria: string;
  }[];
}

export interface DraftTask {
  action: { name: string; type: ActionType; instructions: string; purpose: string };
  milestoneName: string;
  recipient: { name: string; email: string } | null;
  /** The template's own subject and body with every known placeholder filled. */
  defaultSubject: string;
  defaultBody: string;
  /** What this customer has already been sent, oldest first. */
  alreadySent: { name: string; type: ActionType; sentOn: string; subject: string }[];
  /** Set when the CSM asked for changes: their note and the draft they sent back. */
  revision?: { note: string; previousSubject: string; previousBody: string };
}

export interface DraftRequest {
  stable: DraftStableContext;
  task: DraftTask;
}

export interface DraftedMessage {
  subject: string;
  body: string;
}

/** How one drafter call is made: the AI draft pool does its own retrying and may abort a call when it stops. */
export interface DraftCallOptions {
  /** Retries inside the call (the SDK's); 0 leaves retrying to the caller. */
  maxRetries?: number;
  signal?: AbortSignal;
}

/**
 * What a drafter's failure says about trying again, carried as the AppError's details: throttled (429, 529) means
 * every caller should wait, retryAfterMs for how long the service asked.
 */
export interface DraftRetryAdvice {
  retryable: boolean;
  throttled: boolean;
  retryAfterMs?: number;
}
