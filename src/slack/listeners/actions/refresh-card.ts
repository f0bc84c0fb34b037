import type { RespondFn } from '@slack/bolt';
import { getReviewCard } from '../../../services/review/get-review-card';
import { buildReviewCard } from '../../blocks/review-card';
import type { SlackDeps } from '../../deps';

/**
 * After a review step, every place the card shows is brought up to date: the channel card (chat.update through
 * the notifier), and the message that was clicked when it is another one (an ephemeral `/thread review` card).
 */
export async function refreshCard(
  deps: SlackDeps,
  actionId: string,
  body: unknown,
  respond?: RespondFn,
): Promise<void> {
  await deps.notifier.actionChanged(actionId);
  const container = (
    body as { container?: { type?: string; message_ts?: string; channel_id?: string; is_ephemeral?: boolean } }
  ).container;
  if (!respond || container?.type !== 'message') return;
  const card = await getReviewCard(deps.ctx, { actionId });
  const isChannelCard =
    card.cardTs !== null && container.message_ts === card.cardTs && container.channel_id === card.cardChannel;
  if (isChannelCard) return;
  const message = buildReviewCard(card);
  await respond({ replace_original: true, text: message.text, blocks: message.blocks as never });
}
