import type { UserRole } from '../../db/generated/client';
import { AppError } from '../../lib/errors';

/** CSMs and admins start onboardings; AEs hand deals over through the handoff form and viewers only read. */
export function assertCanCreateAccounts(actor: { role: UserRole }): void {
  if (actor.role === 'admin' || actor.role === 'csm') return;
  throw new AppError('forbidden', `only CSMs and admins can create accounts, and your role is ${actor.role}.`);
}
