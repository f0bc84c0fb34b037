import type { ViewSubmitAction } from '@slack/bolt';
import type { ListenerRegistry } from '../../listener-registry';
import { AppError } from '../../../lib/errors';
import { sendPortalLink, type SentPortalLink } from '../../../services/portal/send-portal-link';
import { buildPortalLinkSentMessage } from '../../blocks/portal-link-replies';
import { mrkdwnSection } from '../../blocks/text';
import type { SlackDeps } from '../../deps';
import { errorText } from '../../error-text';
import { FIELDS, VIEWS } from '../../ids';
import { actorOf } from '../interaction';
import { portalLinkModalMetadata, readModalMetadata } from './modal-metadata';
import { replyAfterModal } from './reply-after-modal';
import { viewFailure } from './view-failure';
import { selectedValue } from './view-input';

/**
 * The chosen contact gets a fresh link by email (or, email off, the CSM gets it to copy). The modal closes at once;
 * the result or the reason it failed is shown beside the account card.
 */
export function registerEmailPortalLinkSubmit(app: ListenerRegistry, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(VIEWS.emailPortalLink, async ({ ack, body, view, client }) => {
    const contactId = selectedValue(view, FIELDS.contact);
    if (!contactId) {
      await ack({ response_action: 'errors', errors: { [FIELDS.contact]: 'Pick the contact to send the link to.' } });
      return;
    }
    let meta;
    try {
      meta = readModalMetadata(view, portalLinkModalMetadata);
    } catch (error) {
      await ack(viewFailure(view, error, deps.logger, { title: 'Not sent' }));
      return;
    }
    // Close the modal first: a slow mail server must not run past Slack's 3 seconds. The outcome, good or bad,
    // arrives beside the account card.
    await ack();
    const to = { slackUserId: body.user.id, responseUrl: meta.responseUrl };
    try {
      if (!deps.publicUrl)
        throw new AppError('not_configured', 'portal links need PUBLIC_URL, and it is not passed to the Slack app.');
      const actor = await actorOf(deps, body);
      const sent: SentPortalLink = await sendPortalLink(
        deps.ctx,
        { mailer: deps.workflows.mailer?.() },
        {
          organizationId: actor.organizationId,
          accountId: meta.accountId,
          contactId,
          actor,
          publicUrl: deps.publicUrl,
        },
      );
      await replyAfterModal(deps, client, to, buildPortalLinkSentMessage(sent));
    } catch (error) {
      const text = `Portal link not sent: ${errorText(error, deps.logger)}`;
      await replyAfterModal(deps, client, to, { text, blocks: [mrkdwnSection(text)] });
    }
  });
}
