import type { BlockAction, RespondFn } from '@slack/bolt';
import { getReviewCard } from '../../../services/review/get-review-card';
import { buildReviewCard } from '../../blocks/review-card';
import type { SlackDeps } from '../../deps';
import { clickedMessage } from '../interaction';

/**
 * After a review step, every place the card shows is brought up to date: the channel card (chat.update through
 * the notifier), and the message that was clicked when it is another one (an ephemeral `/thread review` card).
 * From a modal there is no clicked message: only the channel card is refreshed.
 */
export async function refreshCard(
  deps: SlackDeps,
  actionId: string,
  clicked?: { body: BlockAction; respond: RespondFn },
): Promise<void> {
  await deps.notifier.actionChanged(actionId);
  const where = clicked && clickedMessage(clicked.body);
  if (!clicked || !where) return;
  const card = await getReviewCard(deps.ctx, { actionId });
  const isChannelCard = card.cardTs !== null && where.ts === card.cardTs && where.channel === card.cardChannel;
  if (isChannelCard) return;
  const message = buildReviewCard(card);
  await clicked.respond({ replace_original: true, text: message.text, blocks: message.blocks });
}
