/**
 * An account's contacts: each has a role on the project, and an account with contacts has exactly one primary
 * contact (the one emails, portal links and reminders go to first).
 */
import { accepted, refused, type Checked } from './checked';

export const CONTACT_ROLES = ['primary', 'champion', 'technical', 'billing', 'executive_sponsor'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

export const CONTACT_ROLE_NAMES: Readonly<Record<ContactRole, string>> = {
  primary: 'primary contact',
  champion: 'champion',
  technical: 'technical contact',
  billing: 'billing contact',
  executive_sponsor: 'executive sponsor',
};

/** The role a contact takes when another becomes primary in their place. */
export const FORMER_PRIMARY_ROLE: ContactRole = 'champion';

/** The role a new contact gets: an account's first contact is its primary, whatever was asked. */
export function roleForNewContact(accountHasContacts: boolean, requested: ContactRole | undefined): ContactRole {
  if (!accountHasContacts) return 'primary';
  return requested ?? FORMER_PRIMARY_ROLE;
}

/** Why contacts created together were refused: the entry (0-based) and which of its fields. */
export interface ContactListProblem {
  index: number;
  field: 'email' | 'role';
  message: string;
}

/**
 * The roles of contacts created together (a new account): the one marked primary, else the first. Two marked
 * primary, or one address twice, are refused.
 */
export function assignContactRoles(
  contacts: readonly { email: string; role?: ContactRole }[],
): { ok: true; value: ContactRole[] } | ({ ok: false } & ContactListProblem) {
  const seen = new Set<string>();
  for (const [index, c] of contacts.entries()) {
    if (seen.has(c.email)) {
      return {
        ok: false,
        index,
        field: 'email',
        message: `${c.email} is given twice; each contact needs their own email address.`,
      };
    }
    seen.add(c.email);
  }
  const marked = contacts.flatMap((c, i) => (c.role === 'primary' ? [i] : []));
  if (marked.length > 1) {
    return { ok: false, index: marked[1]!, field: 'role', message: 'Only one contact can be the primary contact.' };
  }
  const primary = marked[0] ?? 0;
  return {
    ok: true,
    value: contacts.map((c, i) =>
      i === primary ? 'primary' : c.role && c.role !== 'primary' ? c.role : FORMER_PRIMARY_ROLE,
    ),
  };
}

/** The primary contact stops being primary only when another contact takes the role. */
export function checkContactRoleChange(from: ContactRole, to: ContactRole): Checked<ContactRole> {
  if (from === 'primary' && to !== 'primary') {
    return refused(
      'An account always has one primary contact: make another contact primary instead, and this one becomes a champion.',
    );
  }
  return accepted(to);
}

/**
 * A contact may go unless they are the account's only contact while portal requests are open: those requests,
 * their reminders and portal links would be left with nobody to answer them.
 */
export function checkContactRemoval(removal: {
  contactName: string;
  accountName: string;
  otherContacts: number;
  openPortalRequests: readonly string[];
}): Checked<true> {
  const open = removal.openPortalRequests;
  if (removal.otherContacts > 0 || open.length === 0) return accepted(true);
  const listed = open.slice(0, 3).join(', ') + (open.length > 3 ? ` and ${open.length - 3} more` : '');
  return refused(
    `${removal.contactName} is the only contact of ${removal.accountName}, and ${open.length} portal ` +
      `request${open.length === 1 ? ' is' : 's are'} still open for them (${listed}). Add another contact first, ` +
      `or wait until the open requests are answered or skipped.`,
  );
}
