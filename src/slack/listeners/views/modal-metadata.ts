/**
 * A modal's private_metadata comes back from Slack with the submission, possibly from a modal opened before a
 * deploy changed its shape: it is outside input. Every view listener reads it here, inside its error handling, so
 * a stale or garbled one becomes a form_out_of_date refusal shown in the modal, never an exception Slack reports
 * as "We had some trouble connecting".
 */
import type { ViewOutput } from '@slack/bolt';
import { z } from 'zod';
import { AppError } from '../../../lib/errors';

/** Edit draft, Request changes and the milestone modals: the action or milestone, and for the latter the change. */
export const recordModalMetadata = z.object({
  id: z.string().min(1),
  change: z.enum(['start', 'complete', 'block', 'unblock']).optional(),
  responseUrl: z.url({ protocol: /^https?$/ }).optional(),
});

/** Email portal link and Revoke portal links: the account, and where to reply ephemerally. */
export const portalLinkModalMetadata = z.object({
  accountId: z.string().min(1),
  responseUrl: z.url({ protocol: /^https?$/ }).optional(),
});

/** Reopen and Mark churned: the account, and the card's response_url to show it again. */
export const accountStatusModalMetadata = z.object({
  accountId: z.string().min(1),
  responseUrl: z.url({ protocol: /^https?$/ }).optional(),
});

/** Follow up on a submission: the submission, and the card to update afterwards when it is known. */
export const followUpModalMetadata = z.object({
  submissionId: z.string().min(1),
  channel: z.string().optional(),
  ts: z.string().optional(),
});

/** The People modal's page (PeopleModalMetadata); a modal from before pages existed is on the first. */
const peopleModalMetadata = z.object({ offset: z.number().int().min(0).default(0) });

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function readModalMetadata<S extends z.ZodType>(
  view: Pick<ViewOutput, 'private_metadata'>,
  schema: S,
): z.output<S> {
  const parsed = schema.safeParse(parseJson(view.private_metadata || '{}'));
  if (parsed.success) return parsed.data;
  throw new AppError('form_out_of_date', 'close it and open it again from the card or command it came from.');
}

/**
 * The page the People modal was on, so a role change or an added person rebuilds it where the admin was. Only a
 * convenience: metadata that does not read means the first page, not a refusal.
 */
export function readPeopleOffset(view: Pick<ViewOutput, 'private_metadata'> | undefined): number {
  const parsed = peopleModalMetadata.safeParse(parseJson(view?.private_metadata || '{}'));
  return parsed.success ? parsed.data.offset : 0;
}
