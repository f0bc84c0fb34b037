/**
 * After a change made from the account card (channels, contacts, at-risk), the card the person clicked is shown
 * again in place with the change, and the App Homes that show the account are republished.
 */
import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { getAccountOverview } from '../../services/accounts/get-account-overview';
import { buildAccountCard } from '../blocks/account-card';
import type { SlackDeps } from '../deps';
import { replyAfterModal } from './views/reply-after-modal';

export interface CardPlace {
  organizationId: string;
  accountId: string;
  /** A click on a message: its respond, replacing that message when it was the card itself. */
  respond?: { fn: RespondFn; replace: boolean };
  /** A modal opened from the card: the card's response_url (kept in the modal), else a DM to this person. */
  afterModal?: { client: WebClient; slackUserId: string; responseUrl?: string };
}

export async function refreshAccountCard(deps: SlackDeps, place: CardPlace): Promise<void> {
  const card = buildAccountCard(
    await getAccountOverview(deps.ctx, { organizationId: place.organizationId, accountId: place.accountId }),
  );
  if (place.respond) {
    const { fn, replace } = place.respond;
    await fn({ response_type: 'ephemeral', replace_original: replace, text: card.text, blocks: card.blocks });
  } else if (place.afterModal) {
    const { client, slackUserId, responseUrl } = place.afterModal;
    await replyAfterModal(deps, client, { slackUserId, responseUrl, replaceOriginal: true }, card);
  }
  await deps.notifier.accountChanged(place.accountId);
}
