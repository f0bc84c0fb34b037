import type { UserRole } from '../../db/generated/client';
import { AppError } from '../../lib/errors';

export interface ManagingActor {
  userId: string;
  role: UserRole;
}

export interface ManagedAccount {
  name: string;
  csmId: string | null;
}

/** Only the account's CSM or an admin may approve, edit, execute or change milestones; AEs and viewers read. */
export function canManageAccount(actor: ManagingActor, account: ManagedAccount): boolean {
  return actor.role === 'admin' || (actor.role === 'csm' && account.csmId === actor.userId);
}

export function assertCanManageAccount(actor: ManagingActor, account: ManagedAccount, doing: string): void {
  if (canManageAccount(actor, account)) return;
  const who =
    actor.role === 'ae' || actor.role === 'viewer'
      ? `your role (${actor.role}) can read accounts but not change them`
      : `you are not the CSM of ${account.name}`;
  throw new AppError('forbidden', `only the account's CSM or an admin can ${doing}, and ${who}.`);
}
