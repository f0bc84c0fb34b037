import type { ListenerRegistry } from '../../listener-registry';
import { acknowledgeSubmission } from '../../../services/portal/acknowledge-submission';
import { markSubmissionReviewed } from '../../blocks/submission-review';
import { refreshHomesAfterReview } from '../refresh-homes-after-review';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { actorOf, answerClicker, buttonValue, clickedMessage, tellClicker, type ThreadClick } from '../interaction';

/**
 * Acknowledge on a portal submission, wherever its buttons are (the answer's own card, a reminder, an escalation,
 * the daily digest, App Home): the submission is reviewed and its review clock stops. A clicked message keeps its
 * text, with this submission's buttons giving way to who reviewed it and when; App Home is published again for
 * everyone who sees the account, so the submission leaves its list.
 */
export function registerAcknowledgeSubmission(app: ListenerRegistry, deps: SlackDeps): void {
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
        await client.chat.update({ ...where, text: message.text, blocks: message.blocks });
      } else if (body.response_url) {
        await respond({ replace_original: true, text: message.text, blocks: message.blocks });
      }
      await refreshHomesAfterReview(deps, review.accountId);
      if (review.alreadyReviewed && review.reviewedByUserId !== actor.userId) {
        await answerClicker(
          { body, respond, client },
          {
            text: ':information_source: Someone else had already reviewed this submission; it now shows their review.',
          },
        );
      }
    } catch (error) {
      await tellClicker(deps, { body, respond, client }, error);
    }
  });
}
