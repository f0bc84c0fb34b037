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

/**
 * Several audit rows in one INSERT (a batch of sends), inside the caller's transaction. Plain SQL over arrays
 * rather than createMany: building a createMany of fifty rows costs the client about five times what PostgreSQL
 * takes to insert them. Their ids are the database's UUIDs: readers order the trail by time, or by (txid, id) to
 * page through it, and every row of one transaction shares its txid.
 */
export async function recordAuditEvents(tx: Tx, events: readonly AuditEventInput[]): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map(auditRow);
  const column = <K extends keyof ReturnType<typeof auditRow>>(key: K) => rows.map((r) => r[key]);
  await tx.$executeRaw`
    INSERT INTO "AuditEvent" (id, "organizationId", "accountId", "entityType", "entityId", actor, "fromState",
      "toState", reason, data, at)
    SELECT gen_random_uuid()::text, v.organization_id, v.account_id, v.entity_type, v.entity_id, v.actor, v.from_state,
      v.to_state, v.reason, v.data, v.at AT TIME ZONE 'UTC'
    FROM unnest(
      ${column('organizationId')}::text[], ${column('accountId')}::text[], ${column('entityType')}::text[],
      ${column('entityId')}::text[], ${column('actor')}::text[], ${column('fromState')}::text[],
      ${column('toState')}::text[], ${column('reason')}::text[],
      ${rows.map((r) => (r.data === undefined || r.data === null ? null : JSON.stringify(r.data)))}::jsonb[],
      ${rows.map((r) => r.at.toISOString())}::timestamptz[]
    ) WITH ORDINALITY AS v(organization_id, account_id, entity_type, entity_id, actor, from_state, to_state, reason,
      data, at, n)
    ORDER BY v.n`;
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
