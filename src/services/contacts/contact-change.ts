/** What every contact change shares: the account, locked, after the permission check; and how a contact reads. */
import { z } from 'zod';
import { checkLine } from '../../domain/checked';
import { CONTACT_ROLES } from '../../domain/contact-rules';
import { accountRefusal, canManageAccount } from '../../domain/roles';
import { SLACK_USER_ID } from '../../domain/slack-ids';
import { AppError } from '../../lib/errors';
import type { Tx } from '../context';
import type { FieldProblem } from '../errors/field-errors';
import { loadActingPerson, type ActingPerson, type actingPersonSchema } from '../people/acting-person';

export const contactRoleSchema = z.enum(CONTACT_ROLES);
export const slackUserIdSchema = z
  .string()
  .regex(SLACK_USER_ID, 'pick the person from Slack (a user id such as U012ABCDEF)');

export interface ContactView {
  id: string;
  accountId: string;
  name: string;
  email: string;
  title: string | null;
  role: (typeof CONTACT_ROLES)[number];
  isPrimary: boolean;
  slackUserId: string | null;
  /** Set when a HubSpot sync found the contact gone from the deal in HubSpot (kept, flagged). */
  removedFromCrmAt?: Date | null;
}

export const CONTACT_SELECT = {
  id: true,
  accountId: true,
  name: true,
  email: true,
  title: true,
  role: true,
  isPrimary: true,
  slackUserId: true,
  removedFromCrmAt: true,
} as const;

/** "Dana Scully <dana@umbrella.io>": how a contact reads in the audit trail. */
export function describeContact(c: { name: string; email: string }): string {
  return `${c.name} <${c.email}>`;
}

export function checkContactName(name: string, problems: FieldProblem[]): string {
  const checked = checkLine(name, { label: 'The name', max: 200 });
  if (checked.ok) return checked.value;
  problems.push({ field: 'name', message: checked.message });
  return name;
}

/** An empty title means none. */
export function checkContactTitle(title: string | null, problems: FieldProblem[]): string | null {
  if (title === null || title.trim() === '') return null;
  const checked = checkLine(title, { label: 'The title', max: 200 });
  if (checked.ok) return checked.value;
  problems.push({ field: 'title', message: checked.message });
  return null;
}

/**
 * Locks the account (so "exactly one primary" and "duplicate email" are decided on what is really there) and
 * checks that the person may change its contacts: the account's CSM or an admin. An account of another
 * organisation is not found.
 */
export async function loadAccountForContacts(
  tx: Tx,
  o: { organizationId: string; accountId: string; actor: z.output<typeof actingPersonSchema> },
): Promise<{ account: { id: string; name: string; csmId: string | null }; person: ActingPerson }> {
  const rows = await tx.$queryRaw<{ id: string; name: string; csmId: string | null }[]>`
    SELECT "id", "name", "csmId" FROM "Account"
    WHERE "id" = ${o.accountId} AND "organizationId" = ${o.organizationId} FOR UPDATE`;
  const account = rows[0];
  if (!account) throw new AppError('not_found', 'that account does not exist.');
  const person = await loadActingPerson(tx, o.organizationId, o.actor);
  const acting = { userId: person.userId ?? '', role: person.role };
  if (!canManageAccount(acting, account)) {
    throw new AppError('forbidden', accountRefusal(acting, account, "change the account's contacts"));
  }
  return { account, person };
}
