import type { UserRole } from '../../db/generated/client';
import { accountRefusal, canManageAccount as roleTableAllows } from '../../domain/roles';
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
  return roleTableAllows(actor, account);
}

export function assertCanManageAccount(actor: ManagingActor, account: ManagedAccount, doing: string): void {
  if (canManageAccount(actor, account)) return;
  throw new AppError('forbidden', accountRefusal(actor, account, doing));
}
