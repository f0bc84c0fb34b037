import type { Prisma } from '../../db/generated/client';
import type { Actor, Tx } from '../context';

export interface AuditEventInput {
  organizationId: string;
  accountId?: string | null;
  entityType:
    | 'action'
    | 'milestone'
    | 'account'
    | 'template'
    | 'portal_access'
    | 'submission'
    | 'organization'
    | 'user'
    | 'contact'
    | 'slack_channel'
    | 'handoff_finding'
    | 'handoff'
    | 'handoff_question'
    | 'connection'
    | 'slack_installation';
  entityId: string;
  actor: Actor;
  from?: string | null;
  to?: string | null;
  reason?: string | null;
  data?: Prisma.InputJsonValue;
  at: Date;
}

/** Writes one audit row inside the caller's transaction, so a change and its record land together or not at all. */
export async function recordAuditEvent(tx: Tx, event: AuditEventInput): Promise<void> {
  await tx.auditEvent.create({ data: auditRow(event) });
}

/** Several audit rows in one INSERT (a batch of sends), in the given order, inside the caller's transaction. */
export async function recordAuditEvents(tx: Tx, events: readonly AuditEventInput[]): Promise<void> {
  if (events.length === 0) return;
  await tx.auditEvent.createMany({ data: events.map(auditRow) });
}

function auditRow(event: AuditEventInput) {
  return {
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
  };
}
