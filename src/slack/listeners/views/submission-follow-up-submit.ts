import type { ViewSubmitAction } from '@slack/bolt';
import type { ListenerRegistry } from '../../listener-registry';
import { followUpSubmission } from '../../../services/portal/follow-up-submission';
import { markSubmissionReviewed } from '../../blocks/submission-review';
import { refreshHomesAfterReview } from '../refresh-homes-after-review';
import type { SlackDeps } from '../../deps';
import { FIELDS, VIEWS } from '../../ids';
import { actorOf } from '../interaction';
import { followUpModalMetadata, readModalMetadata } from './modal-metadata';
import { viewFailure } from './view-failure';
import { inputValue } from './view-input';

/**
 * The Follow up note: emailed to the customer when email is configured (recorded either way), the submission reviewed
 * with outcome follow_up. A failure comes back beside the note field, so what was typed is kept.
 */
export function registerSubmissionFollowUpSubmit(app: ListenerRegistry, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(VIEWS.submissionFollowUp, async ({ ack, body, view, client }) => {
    const note = inputValue(view, FIELDS.note);
    if (!note) {
      await ack({ response_action: 'errors', errors: { [FIELDS.note]: 'Write the note for the customer.' } });
      return;
    }
    let card: { channel?: string; ts?: string };
    let result;
    try {
      const meta = readModalMetadata(view, followUpModalMetadata);
      card = meta;
      const actor = await actorOf(deps, body);
      result = await followUpSubmission(
        deps.ctx,
        { mailer: deps.workflows.mailer?.() },
        { organizationId: actor.organizationId, submissionId: meta.submissionId, actor, note },
      );
    } catch (error) {
      await ack(
        viewFailure(view, error, deps.logger, {
          title: 'Not sent',
          field: FIELDS.note,
          blockOfField: { note: FIELDS.note },
        }),
      );
      return;
    }
    await ack();
    if (card.channel && card.ts) {
      // The card's own blocks (the customer's answers) are kept; without history access (a DM) a short card is rebuilt.
      const history = await client.conversations
        .history({ channel: card.channel, latest: card.ts, inclusive: true, limit: 1 })
        .catch(() => undefined);
      const message = markSubmissionReviewed(history?.messages?.[0]?.blocks, result, result);
      await client.chat
        .update({ channel: card.channel, ts: card.ts, text: message.text, blocks: message.blocks })
        .catch((error) => deps.logger.error({ err: error }, 'could not update the submission card after a follow-up'));
    }
    await refreshHomesAfterReview(deps, result.accountId);
  });
}
