import type { Tx } from '../context';
import { recordAuditEvent, recordAuditEvents, type AuditEventInput } from './record-audit-event';

/** The entity a change is about: enough to file its audit row under its account and organisation. */
export interface AuditedEntity {
  id: string;
  accountId: string;
  organizationId: string;
}

export type EntityChange = Omit<AuditEventInput, 'organizationId' | 'accountId' | 'entityType' | 'entityId'>;

/**
 * The audit row of a change to an account's action or milestone (who, when, from, to, why). The transition
 * helpers write theirs here, and so do the batch and send-record updates whose SQL cannot go through them
 * (fire-due-actions, the end of a send), so every such row has the same shape.
 */
export async function recordEntityChange(
  tx: Tx,
  entityType: 'action' | 'milestone',
  entity: AuditedEntity,
  change: EntityChange,
): Promise<void> {
  await recordAuditEvent(tx, {
    ...change,
    organizationId: entity.organizationId,
    accountId: entity.accountId,
    entityType,
    entityId: entity.id,
  });
}

/** The audit rows of many such changes, written in one INSERT. */
export async function recordEntityChanges(
  tx: Tx,
  entityType: 'action' | 'milestone',
  changes: readonly { entity: AuditedEntity; change: EntityChange }[],
): Promise<void> {
  await recordAuditEvents(
    tx,
    changes.map(({ entity, change }) => ({
      ...change,
      organizationId: entity.organizationId,
      accountId: entity.accountId,
      entityType,
      entityId: entity.id,
    })),
  );
}
