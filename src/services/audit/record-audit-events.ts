import type { Tx } from '../context';
import type { AuditEventInput } from './record-audit-event';

/**
 * Many audit rows in one statement, inside the caller's transaction: what a batch (a tick firing and drafting a
 * hundred actions) records, with the same shape recordAuditEvent gives one row.
 */
export async function recordAuditEvents(tx: Tx, events: readonly AuditEventInput[]): Promise<void> {
  if (events.length === 0) return;
  await tx.auditEvent.createMany({
    data: events.map((event) => ({
      organizationId: event.organizationId,
      accountId: event.accountId ?? null,
      entityType: event.entityType,
      entityId: event.entityId,
      actor: event.actor,
      fromState: event.from ?? null,
      toState: event.to ?? null,
      reason: event.reason ?? null,
      data: event.data,
      at: event.at,
    })),
  });
}
