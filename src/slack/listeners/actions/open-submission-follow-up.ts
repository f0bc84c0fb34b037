import type { App } from '@slack/bolt';
import { AppError } from '../../../lib/errors';
import { getSubmissionForReview } from '../../../services/portal/get-submission-for-review';
import { buildFollowUpModal } from '../../blocks/submission-review';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { actorOf, buttonValue, tellUser } from '../interaction';

/** Follow up on a portal submission card: a modal for the note to the customer, remembering which card to update. */
export function registerOpenSubmissionFollowUp(app: App, deps: SlackDeps): void {
  app.action(ACTIONS.submissionFollowUp, async ({ ack, body, respond, client }) => {
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
      const container = (body as { container?: { channel_id?: string; message_ts?: string } }).container;
      const meta = { submissionId, channel: container?.channel_id, ts: container?.message_ts };
      const emailEnabled = deps.workflows.mailer?.() !== undefined;
      await client.views.open({
        trigger_id: (body as { trigger_id: string }).trigger_id,
        view: buildFollowUpModal(submission, meta, emailEnabled) as never,
      });
    } catch (error) {
      await tellUser(deps, respond, error);
    }
  });
}
