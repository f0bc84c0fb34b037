import { Prisma } from '../../db/generated/client';
import type { Tx } from '../context';

/** Account.nextActionAt is the earliest due time among the account's open actions (the same rule as accounts/refresh-account-schedule.ts), for many accounts in one statement. */
export async function refreshNextActionAt(tx: Tx, accountIds: readonly string[]): Promise<void> {
  if (accountIds.length === 0) return;
  await tx.$executeRaw`
    UPDATE "Account" acc SET "nextActionAt" = (
      SELECT min(a."dueAt") FROM "Action" a
      WHERE a."accountId" = acc.id AND a."dueAt" IS NOT NULL
        AND a.status IN ('pending'::"ActionStatus", 'ready'::"ActionStatus", 'review_pending'::"ActionStatus", 'executing'::"ActionStatus")
    )
    WHERE acc.id IN (${Prisma.join([...accountIds])})`;
}
