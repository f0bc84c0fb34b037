import { DEFAULT_HANDOFF_QUESTIONS } from '../../domain/handoff-questions';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Actor, Tx } from '../context';
import { questionColumns } from './handoff-question-view';

/**
 * Gives an organisation that has never had handoff questions the default ones (see DEFAULT_HANDOFF_QUESTIONS), in
 * the caller's transaction: a new organisation, and the demo. One that has questions, even only removed ones, keeps
 * what its admins made of them. Returns how many were added.
 */
export async function ensureDefaultHandoffQuestions(
  tx: Tx,
  o: { organizationId: string; actor: Actor; at: Date },
): Promise<number> {
  const existing = await tx.handoffQuestion.count({ where: { organizationId: o.organizationId } });
  if (existing > 0) return 0;
  const { count } = await tx.handoffQuestion.createMany({
    data: DEFAULT_HANDOFF_QUESTIONS.map((q, position) => ({
      ...questionColumns(q),
      organizationId: o.organizationId,
      position,
      active: true,
    })),
    skipDuplicates: true,
  });
  if (count > 0) {
    await recordAuditEvent(tx, {
      organizationId: o.organizationId,
      entityType: 'organization',
      entityId: o.organizationId,
      actor: o.actor,
      reason: `the ${count} default handoff questions`,
      data: { handoffQuestions: DEFAULT_HANDOFF_QUESTIONS.map((q) => q.key) },
      at: o.at,
    });
  }
  return count;
}
