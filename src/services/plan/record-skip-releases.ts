import type { Actor, Tx } from '../context';
import { recordEntityChange, type AuditedEntity } from '../audit/record-entity-change';
import type { ScheduledAction } from './propagate-triggers';

/** The audit data that marks a due time given by a skip; the review card reads it back (skip-release-notes.ts). */
export const RELEASED_BY_SKIP = 'skip';

/**
 * One audit row per action a skip released: it got its due time because the action it waited on was skipped, not
 * done. The CSM reviewing it later is told so on its card, from this row.
 */
export async function recordSkipReleases(
  tx: Tx,
  options: {
    skipped: AuditedEntity & { name: string };
    released: readonly ScheduledAction[];
    actor: Actor;
    at: Date;
  },
): Promise<void> {
  const { skipped } = options;
  for (const action of options.released) {
    await recordEntityChange(
      tx,
      'action',
      { id: action.id, accountId: skipped.accountId, organizationId: skipped.organizationId },
      {
        actor: options.actor,
        reason: `due because "${skipped.name}" was skipped`,
        data: {
          releasedBy: RELEASED_BY_SKIP,
          skippedActionId: skipped.id,
          skippedActionName: skipped.name,
          dueAt: action.dueAt.toISOString(),
        },
        at: options.at,
      },
    );
  }
}
