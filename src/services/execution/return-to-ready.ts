import type { ActionType } from '../../domain/template';
import { transitionAction } from '../actions/transition-action';
import type { ServiceContext } from '../context';
import { toJsonInput } from '../json/stored-json';
import { audited } from './claim-sends';
import type { PreparedSend } from './prepare-send';
import type { SendRecord } from './send-record';

/**
 * A failed send: executing → ready with the error kept and the record 'failed', for a Retry. Conditional on this
 * claim's key; if the recovery sweep already returned it to ready, there is nothing to do.
 */
export async function returnToReady(
  ctx: ServiceContext,
  claim: PreparedSend,
  message: string,
  actor: string,
): Promise<void> {
  const at = ctx.now();
  const record: SendRecord = { ...claim.record, state: 'failed', error: message };
  await ctx.prisma.$transaction(async (tx) => {
    await transitionAction(tx, {
      action: { ...audited(claim.action), status: 'executing', type: claim.action.type as ActionType },
      event: 'send_failed',
      where: { idempotencyKey: claim.key },
      data: { executingSince: null, lastError: message, executionRecord: toJsonInput(record) },
      conflict: null,
      actor,
      reason: `send failed: ${message}`,
      at,
    });
  });
}
