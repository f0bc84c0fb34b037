import type { App } from '@slack/bolt';
import { z } from 'zod';
import { followUpSubmission } from '../../../services/portal/follow-up-submission';
import { markSubmissionReviewed, type FollowUpMetadata } from '../../blocks/submission-review';
import type { SlackDeps } from '../../deps';
import { errorText } from '../../error-text';
import { FIELDS, VIEWS } from '../../ids';
import { actorOf } from '../interaction';
import { inputValue } from './view-input';

const metadataSchema = z.object({
  submissionId: z.string().min(1),
  channel: z.string().optional(),
  ts: z.string().optional(),
});

/**
 * The Follow up note: emailed to the customer when email is configured (recorded either way), the submission reviewed
 * with outcome follow_up. A failure comes back beside the note field, so what was typed is kept.
 */
export function registerSubmissionFollowUpSubmit(app: App, deps: SlackDeps): void {
  app.view(VIEWS.submissionFollowUp, async ({ ack, body, view, client }) => {
    const note = inputValue(view, FIELDS.note);
    if (!note) {
      await ack({ response_action: 'errors', errors: { [FIELDS.note]: 'Write the note for the customer.' } });
      return;
    }
    let meta: FollowUpMetadata;
    let result;
    try {
      meta = metadataSchema.parse(JSON.parse(view.private_metadata || '{}'));
      const actor = await actorOf(deps, body);
      result = await followUpSubmission(
        deps.ctx,
        { mailer: deps.workflows.mailer?.() },
        { organizationId: actor.organizationId, submissionId: meta.submissionId, actor, note },
      );
    } catch (error) {
      await ack({
        response_action: 'errors',
        errors: {
          [FIELDS.note]: errorText(error, deps.logger)
            .replace(/^:warning: /, '')
            .slice(0, 300),
        },
      });
      return;
    }
    await ack();
    if (meta.channel && meta.ts) {
      // The card's own blocks (the customer's answers) are kept; without history access (a DM) a short card is rebuilt.
      const history = await client.conversations
        .history({ channel: meta.channel, latest: meta.ts, inclusive: true, limit: 1 })
        .catch(() => undefined);
      const original = history?.messages?.[0]?.blocks;
      const message = markSubmissionReviewed(original, result, result);
      await client.chat
        .update({ channel: meta.channel, ts: meta.ts, text: message.text, blocks: message.blocks as never })
        .catch((error) => deps.logger.error({ err: error }, 'could not update the submission card after a follow-up'));
    }
  });
}
