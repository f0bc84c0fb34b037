import type { ListenerRegistry } from '../../listener-registry';
import { AppError } from '../../../lib/errors';
import { getSubmissionForReview } from '../../../services/portal/get-submission-for-review';
import { buildFollowUpModal } from '../../blocks/submission-review';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { actorOf, buttonValue, clickedMessage, tellClicker, type ThreadClick } from '../interaction';

/**
 * Follow up on a portal submission, wherever its buttons are: a modal for the note to the customer, remembering the
 * message to update (none from App Home, which is published again after the note instead).
 */
export function registerOpenSubmissionFollowUp(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<ThreadClick>(ACTIONS.submissionFollowUp, async ({ ack, body, respond, client }) => {
    await ack();
    try {
      const actor = await actorOf(deps, body);
      const submissionId = buttonValue(body);
      const submission = await getSubmissionForReview(deps.ctx, {
        organizationId: actor.organizationId,
        submissionId,
        actor,
      });
      if (submission.reviewedAt)
        throw new AppError(
          'conflict',
          'this submission has already been reviewed; there is nothing left to follow up here.',
        );
      const meta = { submissionId, ...clickedMessage(body) };
      const emailEnabled = deps.workflows.mailer?.() !== undefined;
      await client.views.open({
        trigger_id: body.trigger_id,
        view: buildFollowUpModal(submission, meta, emailEnabled),
      });
    } catch (error) {
      await tellClicker(deps, { body, respond, client }, error);
    }
  });
}
