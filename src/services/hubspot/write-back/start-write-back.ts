import type { ServiceContext, Tx } from '../../context';

/**
 * Makes the organisation's write-back row if it has none, reading the audit trail from now on: connecting HubSpot
 * does not replay an onboarding's history as notes (the first run writes every linked account's current state
 * instead, see collect-write-back-events.ts). One statement, so two processes starting it together make one row.
 * The start is the oldest transaction still running, so nothing committed after this call is behind the cursor.
 */
export async function startWriteBack(
  db: ServiceContext['prisma'] | Tx,
  organizationId: string,
  now: Date,
): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "HubSpotWriteBack" ("organizationId", "cursorTxid", "cursorEventId", "createdAt", "updatedAt")
    VALUES (${organizationId}, pg_snapshot_xmin(pg_current_snapshot())::text::bigint, '', ${now}, ${now})
    ON CONFLICT ("organizationId") DO NOTHING`;
}
