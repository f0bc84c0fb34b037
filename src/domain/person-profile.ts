/** Rules about a person's Slack profile and how customers see them. */
import { accepted, refused, type Checked } from './checked';

/** A profile read from Slack more than a day ago is read again. */
export const PROFILE_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export function profileIsStale(refreshedAt: Date | null, now: Date): boolean {
  return refreshedAt === null || now.getTime() - refreshedAt.getTime() >= PROFILE_MAX_AGE_MS;
}

export interface CustomerEmailSender {
  /** The sender name customers see. */
  name: string;
  /** Where customers' replies go. */
  replyTo: string;
}

/**
 * Who customer email comes from: the CSM's name, with replies to the address they gave Thread or else their Slack
 * email. Without either, nobody would get the customer's reply, so sending is refused with what to do.
 */
export function customerEmailSender(person: {
  name: string;
  email: string | null;
  replyToEmail: string | null;
}): Checked<CustomerEmailSender> {
  const replyTo = person.replyToEmail ?? person.email;
  if (!replyTo) {
    return refused(
      `Thread cannot send customer email as ${person.name} yet: Slack does not show their email address, so ` +
        `customers would have nowhere to reply. ${person.name} needs to set the address customers should reply to ` +
        `in Thread first.`,
    );
  }
  return accepted({ name: person.name, replyTo });
}
