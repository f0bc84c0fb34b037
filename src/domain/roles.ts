/**
 * Who may do what: the one table of roles and their rights. Services check it (with the account, for the rights
 * that depend on whose account it is); Slack and HTTP only ask it to refuse early or to hide a control.
 */
import { accepted, refused, type Checked } from './checked';

export const ROLES = ['admin', 'lead', 'csm', 'ae', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const CAPABILITIES = {
  read: 'read accounts, plans, people and settings',
  manage_own_accounts: 'work on the accounts they are the CSM of (review, execute, milestones, contacts, channels)',
  manage_any_account: 'work on any account',
  create_accounts: 'create accounts',
  submit_handoffs: 'fill in handoffs',
  manage_settings: 'change the organisation settings',
  manage_people: 'add people and change their roles',
  manage_templates: 'import and change templates',
  manage_connectors: 'connect HubSpot, Notion, email and Google',
  view_analytics: 'read the analytics across accounts and CSMs',
} as const;
export type Capability = keyof typeof CAPABILITIES;

export const ROLE_TABLE: Readonly<Record<Role, readonly Capability[]>> = {
  admin: [
    'read',
    'manage_own_accounts',
    'manage_any_account',
    'create_accounts',
    'submit_handoffs',
    'manage_settings',
    'manage_people',
    'manage_templates',
    'manage_connectors',
    'view_analytics',
  ],
  lead: ['read', 'view_analytics'],
  csm: ['read', 'manage_own_accounts', 'create_accounts', 'submit_handoffs'],
  ae: ['read', 'submit_handoffs'],
  viewer: ['read'],
};

export const ROLE_NAMES: Readonly<Record<Role, string>> = {
  admin: 'admin',
  lead: 'CS leader',
  csm: 'CSM',
  ae: 'account executive',
  viewer: 'viewer',
};

export function can(role: Role, capability: Capability): boolean {
  return ROLE_TABLE[role].includes(capability);
}

/** The roles that have a right, for sentences such as "only admins can …". */
export function rolesThatCan(capability: Capability): Role[] {
  return ROLES.filter((r) => can(r, capability));
}

/** An account is changed by an admin, or by a CSM who is that account's CSM. */
export function canManageAccount(actor: { userId: string; role: Role }, account: { csmId: string | null }): boolean {
  if (can(actor.role, 'manage_any_account')) return true;
  return can(actor.role, 'manage_own_accounts') && account.csmId !== null && account.csmId === actor.userId;
}

/** Why an account change is refused, in words the person can act on (it follows "You are not allowed to do that: "). */
export function accountRefusal(
  actor: { userId: string; role: Role },
  account: { name: string; csmId: string | null },
  doing: string,
): string {
  const why = can(actor.role, 'manage_own_accounts')
    ? `you are not the CSM of ${account.name}`
    : `your role (${ROLE_NAMES[actor.role]}) can read accounts but not change them`;
  return `only the account's CSM or an admin can ${doing}, and ${why}.`;
}

export interface RoleChange {
  /** Who asks; null for the operator's command line. */
  actorId: string | null;
  targetId: string;
  targetName: string;
  from: Role;
  to: Role;
  /** Admins in the organisation before the change, the target included. */
  admins: number;
}

/** An organisation never loses its last admin: nobody would be left to change settings or roles. */
export function checkRoleChange(change: RoleChange): Checked<Role> {
  if (change.from === 'admin' && change.to !== 'admin' && change.admins <= 1) {
    return refused(
      change.actorId === change.targetId
        ? 'You are the last admin, so you cannot give up the admin role: make someone else an admin first.'
        : `${change.targetName} is the last admin; make someone else an admin before changing their role.`,
    );
  }
  return accepted(change.to);
}
