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
