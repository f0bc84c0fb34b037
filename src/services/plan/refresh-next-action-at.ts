import { OPEN_ACTION_STATUSES } from '../../domain/action-state';
import { Prisma } from '../../db/generated/client';
import type { Tx } from '../context';

const openStatuses = Prisma.join(OPEN_ACTION_STATUSES.map((s) => Prisma.sql`${s}::"ActionStatus"`));

/**
 * The one writer of Account.nextActionAt: the earliest due time among the account's open actions (null when none
 * is scheduled). One UPDATE computes it from the rows themselves, for one account or many, so it reads the actions
 * as the caller's transaction sees them and never a copy loaded earlier; a JS version would need a read and a write
 * per account. Call it inside the transaction that changed an action's status or due time.
 */
export async function refreshNextActionAt(tx: Tx, accountIds: readonly string[]): Promise<void> {
  if (accountIds.length === 0) return;
  await tx.$executeRaw`
    UPDATE "Account" acc SET "nextActionAt" = (
      SELECT min(a."dueAt") FROM "Action" a
      WHERE a."accountId" = acc.id AND a."dueAt" IS NOT NULL AND a.status IN (${openStatuses})
    )
    WHERE acc.id IN (${Prisma.join([...accountIds])})`;
}
