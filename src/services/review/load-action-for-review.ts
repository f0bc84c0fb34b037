import type { z } from 'zod';
import { AppError } from '../../lib/errors';
import type { Tx } from '../context';
import type { ActingPerson } from '../people/acting-person';
import { authorizeAccountChange, type accountActorSchema } from '../permissions/authorize-account-change';

/** The action a review step is about, after the permission check, with who acts. */
export async function loadActionForReview(
  tx: Tx,
  options: { organizationId: string; actionId: string; actor: z.output<typeof accountActorSchema>; doing: string },
) {
  const action = await tx.action.findFirst({
    where: { id: options.actionId, account: { organizationId: options.organizationId } },
    include: { account: { select: { id: true, name: true, csmId: true, organizationId: true } } },
  });
  if (!action) throw new AppError('not_found', 'that action does not exist (any more)');
  const person: ActingPerson = await authorizeAccountChange(tx, { ...options, account: action.account });
  return { ...action, person };
}
