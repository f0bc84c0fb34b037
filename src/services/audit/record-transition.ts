import type { Prisma } from '../../db/generated/client';
import type { Actor, Tx } from '../context';
import { recordEntityChange, type AuditedEntity } from './record-entity-change';

/** What every transition records, and the writes that belong to it. */
export interface TransitionAudit {
  /** Writes that belong to the transition, after the update and before the audit row; may supply the audit data. */
  alsoWrite?: (tx: Tx) => Promise<{ auditData?: Prisma.InputJsonValue } | void>;
  actor: Actor;
  reason?: string | null;
  auditData?: Prisma.InputJsonValue;
  at: Date;
}

/** The tail shared by transitionAction and transitionMilestone once their conditional update has won. */
export async function recordTransition(
  tx: Tx,
  entityType: 'action' | 'milestone',
  entity: AuditedEntity,
  move: { from: string; to: string },
  audit: TransitionAudit,
): Promise<void> {
  const written = await audit.alsoWrite?.(tx);
  await recordEntityChange(tx, entityType, entity, {
    actor: audit.actor,
    from: move.from,
    to: move.to,
    reason: audit.reason,
    data: (written && written.auditData) ?? audit.auditData,
    at: audit.at,
  });
}
