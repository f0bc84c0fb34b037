import type { App } from '@slack/bolt';
import { acknowledgeSubmission } from '../../../services/portal/acknowledge-submission';
import { markSubmissionReviewed } from '../../blocks/submission-review';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { actorOf, buttonValue, clickedMessage, tellUser, type ThreadClick } from '../interaction';

/**
 * Acknowledge on a portal submission card (the portal's own card, a reminder or an escalation): the submission is
 * reviewed, its review clock stops, and the clicked card loses its buttons in favour of who reviewed it and when.
 */
export function registerAcknowledgeSubmission(app: App, deps: SlackDeps): void {
  app.action<ThreadClick>(ACTIONS.submissionAcknowledge, async ({ ack, body, respond, client }) => {
    await ack();
    try {
      const actor = await actorOf(deps, body);
      const review = await acknowledgeSubmission(deps.ctx, {
        organizationId: actor.organizationId,
        submissionId: buttonValue(body),
        actor,
      });
      const where = clickedMessage(body);
      const message = markSubmissionReviewed(body.message?.blocks, review);
      if (where) {
        await client.chat.update({
          ...where,
          text: message.text,
          blocks: message.blocks,
        });
      } else {
        await respond({ replace_original: true, text: message.text, blocks: message.blocks });
      }
      if (review.alreadyReviewed && review.reviewedByUserId !== actor.userId) {
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: ':information_source: Someone else had already reviewed this submission; the card now shows their review.',
        });
      }
    } catch (error) {
      await tellUser(deps, respond, error);
    }
  });
}
