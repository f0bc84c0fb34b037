import type { BlockAction, StaticSelectAction } from '@slack/bolt';
import type { ListenerRegistry } from '../../listener-registry';
import { z } from 'zod';
import { REVIEW_CARD_DELIVERIES, setReviewCardDelivery } from '../../../services/people/set-review-card-delivery';
import type { SlackDeps } from '../../deps';
import { errorText } from '../../error-text';
import { ACTIONS } from '../../ids';
import { actorOf } from '../interaction';

const choiceSchema = z.enum(REVIEW_CARD_DELIVERIES);

/**
 * The App Home select "Review cards reach you": saved at once for the person who picked it (the service refuses
 * anyone without accounts to review), then their Home is published again showing the choice. App Home has no
 * response_url, so a refusal comes as a DM from Thread.
 */
export function registerReviewCardDelivery(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<BlockAction<StaticSelectAction>>(ACTIONS.reviewCardDelivery, async ({ ack, body, action, client }) => {
    await ack();
    try {
      const actor = await actorOf(deps, body);
      try {
        await setReviewCardDelivery(deps.ctx, {
          organizationId: actor.organizationId,
          actor: { userId: actor.userId },
          delivery: choiceSchema.parse(action.selected_option.value),
        });
      } finally {
        // Published either way: after a refusal the select goes back to what is saved.
        await deps.notifier.publishHome(actor.organizationId, actor.userId, actor.slackUserId);
      }
    } catch (error) {
      await client.chat.postMessage({ channel: body.user.id, text: errorText(error, deps.logger) });
    }
  });
}
