/**
 * Who fills in a handoff: in Slack, a person (re-read now), who must be the account's AE, its CSM or an admin; on
 * the web form, the link's token, which is the AE's own authority for that one handoff until it expires.
 */
import { z } from 'zod';
import { AppError } from '../../lib/errors';
import type { Tx } from '../context';
import { loadActingPerson } from '../people/acting-person';
import type { HandoffAccount } from './load-handoff-account';
import { hashHandoffToken, isWellFormedHandoffToken } from './handoff-token';

export const handoffActorSchema = z.union([
  z.object({ userId: z.string().min(1) }),
  z.object({ token: z.string().min(1) }),
]);
export type HandoffActor = z.output<typeof handoffActorSchema>;

export interface HandoffFiller {
  /** The Thread user the handoff is recorded as submitted by: the person, or the AE behind the link. */
  userId: string | null;
  name: string;
  auditActor: string;
  /** Where this person's answers to earlier steps are kept (a person in Slack); null on the web form. */
  stepKey: string | null;
}

/** The link's token no longer opens this handoff (unknown, replaced or expired): the same words for all three. */
export function deadLink(): AppError {
  return new AppError('not_found', 'this handoff link is not working any more; ask the CSM for a new one.');
}

export async function authorizeHandoffFiller(
  tx: Tx,
  account: HandoffAccount,
  actor: HandoffActor,
  now: Date,
): Promise<HandoffFiller> {
  if ('token' in actor) {
    const h = account.handoff;
    const valid =
      isWellFormedHandoffToken(actor.token) &&
      h?.tokenHash === hashHandoffToken(actor.token) &&
      h.tokenExpiresAt !== null &&
      h.tokenExpiresAt.getTime() > now.getTime();
    if (!valid) throw deadLink();
    return {
      userId: account.aeId,
      name: account.ae?.name ?? 'the account executive',
      auditActor: account.aeId ?? 'handoff-link',
      stepKey: null,
    };
  }
  const person = await loadActingPerson(tx, account.organizationId, actor);
  const allowed = person.role === 'admin' || person.userId === account.csmId || person.userId === account.aeId;
  if (!allowed) {
    const ae = account.ae ? ` (${account.ae.name})` : '';
    throw new AppError(
      'forbidden',
      `only the account executive of ${account.name}${ae}, its CSM or an admin can fill in its handoff.`,
    );
  }
  return { userId: person.userId, name: person.name, auditActor: person.auditActor, stepKey: person.userId };
}
