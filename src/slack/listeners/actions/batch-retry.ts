import type { ListenerRegistry } from '../../listener-registry';
import { isAppError } from '../../../lib/errors';
import { getReviewCard } from '../../../services/review/get-review-card';
import { withRetryOutcome } from '../../blocks/batch-progress';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { clickedMessage, tellUser, type ThreadClick } from '../interaction';
import { authorizeExecution } from './authorize-execution';

/**
 * Retry beside a failure in the batch progress message: executes that one action again (exactly once, like any
 * Execute), then replaces its line in the same message with the outcome; the review card follows by itself.
 */
export function registerBatchRetry(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<ThreadClick>(ACTIONS.batchRetry, async ({ ack, body, respond, client }) => {
    await ack();
    try {
      const { actionId, execute } = await authorizeExecution(deps, body);
      const card = await getReviewCard(deps.ctx, { actionId });
      const label = `${card.accountName} · ${card.actionName}`;
      let outcome: Parameters<typeof withRetryOutcome>[2];
      try {
        await execute(false);
        outcome = { sent: true, label };
      } catch (error) {
        if (!isAppError(error)) throw error;
        outcome = { sent: false, label, error: error.message };
      }
      const where = clickedMessage(body);
      const original: unknown = body.message?.blocks;
      const message = withRetryOutcome(original, actionId, outcome);
      if (where && Array.isArray(original)) {
        await client.chat.update({
          ...where,
          text: message.text,
          blocks: message.blocks,
        });
      } else {
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: outcome.sent ? `:white_check_mark: ${label}: sent.` : `:x: ${label}: ${outcome.error}`,
        });
      }
    } catch (error) {
      await tellUser(deps, respond, error);
    }
  });
}
