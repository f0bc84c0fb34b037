/**
 * The one check behind every change to an account (review, execute, milestones, contacts, channels, portal links,
 * submissions): who acts is re-read from the database, never taken from the caller, so a role changed a moment ago
 * counts now; then the account's CSM or an admin may go on, and anyone else is told why not.
 */
import { z } from 'zod';
import { accountRefusal, canManageAccount } from '../../domain/roles';
import { AppError } from '../../lib/errors';
import type { ServiceContext, Tx } from '../context';
import { actingPersonSchema, loadActingPerson, type ActingPerson } from '../people/acting-person';

/** A person or the operator's command line. A role passed along (Slack's early check) is ignored here. */
export const accountActorSchema = actingPersonSchema;

/** A person only: the steps that record who did them as a Thread user (executing, reviewing a submission). */
export const personActorSchema = z.object({ userId: z.string().min(1) });

export interface AccountChange {
  organizationId: string;
  actor: z.output<typeof accountActorSchema>;
  account: { name: string; csmId: string | null };
  /** What is refused, for the sentence: "only the account's CSM or an admin can <doing>". */
  doing: string;
}

export async function authorizeAccountChange(
  db: Tx | ServiceContext['prisma'],
  change: AccountChange,
): Promise<ActingPerson> {
  const person = await loadActingPerson(db, change.organizationId, change.actor);
  const acting = { userId: person.userId ?? '', role: person.role };
  if (!canManageAccount(acting, change.account)) {
    throw new AppError('forbidden', accountRefusal(acting, change.account, change.doing));
  }
  return person;
}

/**
 * The same check for several accounts at once (a batch): the person is read once, and each account that is not
 * theirs to change gets its refusal; an actor who is nobody here is refused outright (thrown).
 */
export async function authorizeAccountChanges(
  db: Tx | ServiceContext['prisma'],
  change: Omit<AccountChange, 'account'> & { accounts: readonly { id: string; name: string; csmId: string | null }[] },
): Promise<{ person: ActingPerson; refusals: Map<string, AppError> }> {
  const person = await loadActingPerson(db, change.organizationId, change.actor);
  const acting = { userId: person.userId ?? '', role: person.role };
  const refusals = new Map<string, AppError>();
  for (const account of change.accounts) {
    if (!canManageAccount(acting, account))
      refusals.set(account.id, new AppError('forbidden', accountRefusal(acting, account, change.doing)));
  }
  return { person, refusals };
}

/**
 * All or nothing, for a batch of actions: the first refusal is thrown, so half a batch sent and half refused never
 * happens. Each action names its account; an account is checked once however many of its actions there are.
 */
export async function authorizeActionsChange(
  db: Tx | ServiceContext['prisma'],
  change: Omit<AccountChange, 'account'> & {
    actions: readonly { accountId: string; account: { name: string; csmId: string | null } }[];
  },
): Promise<ActingPerson> {
  const accounts = new Map(change.actions.map((a) => [a.accountId, { id: a.accountId, ...a.account }]));
  const { person, refusals } = await authorizeAccountChanges(db, { ...change, accounts: [...accounts.values()] });
  const [firstRefusal] = refusals.values();
  if (firstRefusal) throw firstRefusal;
  return person;
}
