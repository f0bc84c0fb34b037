import type { App } from '@slack/bolt';
import { AppError, isAppError } from '../../../lib/errors';
import { checkPermission } from '../../../services/permissions/check-permission';
import { getReviewCard } from '../../../services/review/get-review-card';
import { withRetryOutcome } from '../../blocks/batch-progress';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { actorOf, buttonValue, tellUser } from '../interaction';

/**
 * Retry beside a failure in the batch progress message: executes that one action again (exactly once, like any
 * Execute), then replaces its line in the same message with the outcome; the review card follows by itself.
 */
export function registerBatchRetry(app: App, deps: SlackDeps): void {
  app.action(ACTIONS.batchRetry, async ({ ack, body, respond, client }) => {
    await ack();
    try {
      const actor = await actorOf(deps, body);
      const actionId = buttonValue(body);
      await checkPermission(deps.ctx, { organizationId: actor.organizationId, actor, target: { actionId }, doing: 'execute actions' });
      const execute = deps.workflows.executeAction;
      if (!execute) throw new AppError('not_configured', 'sending from Slack is not connected in this build yet.');
      const card = await getReviewCard(deps.ctx, { actionId });
      const label = `${card.accountName} · ${card.actionName}`;
      let outcome: Parameters<typeof withRetryOutcome>[2];
      try {
        await execute(actionId, actor.userId, false);
        outcome = { sent: true, label };
      } catch (error) {
        if (!isAppError(error)) throw error;
        outcome = { sent: false, label, error: error.message };
      }
      const container = (body as { container?: { channel_id?: string; message_ts?: string } }).container;
      const original = (body as { message?: { blocks?: unknown } }).message?.blocks;
      const message = withRetryOutcome(original, actionId, outcome);
      if (container?.channel_id && container.message_ts && Array.isArray(original)) {
        await client.chat.update({ channel: container.channel_id, ts: container.message_ts, text: message.text, blocks: message.blocks as never });
      } else {
        await respond({ response_type: 'ephemeral', replace_original: false, text: outcome.sent ? `:white_check_mark: ${label}: sent.` : `:x: ${label}: ${outcome.error}` });
      }
    } catch (error) {
      await tellUser(deps, respond, error);
    }
  });
}
