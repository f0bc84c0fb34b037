import { z } from 'zod';
import type { PrismaClient } from '../../db/generated/client';
import type { Tx } from '../context';
import { readStoredJson } from '../json/stored-json';
import { RELEASED_BY_SKIP } from '../plan/record-skip-releases';

const skipReleaseSchema = z.object({ skippedActionName: z.string() });

/**
 * For each of these actions that got its due time from a skip, the name of the action that was skipped, as the
 * audit row written at the skip says (plan/record-skip-releases.ts). Its review card says why it fires.
 */
export async function skipReleaseNotes(
  db: PrismaClient | Tx,
  actionIds: readonly string[],
): Promise<Map<string, string>> {
  if (actionIds.length === 0) return new Map();
  const rows = await db.auditEvent.findMany({
    where: {
      entityType: 'action',
      entityId: { in: [...actionIds] },
      data: { path: ['releasedBy'], equals: RELEASED_BY_SKIP },
    },
    select: { id: true, entityId: true, data: true },
    orderBy: { at: 'asc' },
  });
  return new Map(
    rows.map((row) => [
      row.entityId,
      readStoredJson(skipReleaseSchema, row.data, { column: 'AuditEvent.data', row: `audit event ${row.id}` })
        .skippedActionName,
    ]),
  );
}
