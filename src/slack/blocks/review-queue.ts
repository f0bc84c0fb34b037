import type { Checkboxes, KnownBlock } from '@slack/types';
import type { ReviewQueue } from '../../services/review/list-review-queue';
import type { ReviewCardData } from '../../services/review/review-card-data';
import { buildReviewCard } from './review-card';
import { ACTIONS } from '../ids';
import type { SlackMessage } from './slack-message';
import { button, context, header, LIMITS, mrkdwnSection, plain, safe } from './text';

/**
 * `/thread review`: cards grouped by account and milestone. A message holds at most 50 blocks, so cards are added
 * while they fit and the rest are counted in the footer.
 */
export function buildReviewQueue(queue: ReviewQueue): SlackMessage {
  if (queue.cards.length === 0)
    return { text: 'Nothing waiting for review.', blocks: [mrkdwnSection(':sparkles: Nothing waiting for review.')] };
  const blocks: KnownBlock[] = [header(`Drafts waiting for review (${queue.cards.length + queue.more})`)];
  let group = '';
  let shown = 0;
  for (const card of queue.cards) {
    const key = `${card.accountName} · ${card.milestoneName}`;
    const rendered = withBatchCheckbox(card, buildReviewCard(card).blocks.slice(1)); // the group heading replaces each card's header
    const heading = key === group ? [] : [mrkdwnSection(`*${safe(key, 300)}*`)];
    const cardTitle = context(`*${safe(card.actionName, 200)}*`);
    const needed = heading.length + 1 + rendered.length + 1 + 1 + 1; // + divider + footer + "Execute selected"
    if (blocks.length + needed > LIMITS.messageBlocks) break;
    blocks.push(...heading, cardTitle, ...rendered, { type: 'divider' });
    group = key;
    shown++;
  }
  if (queue.cards.slice(0, shown).some((c) => c.status === 'ready')) {
    blocks.push({
      type: 'actions',
      block_id: 'review_batch',
      elements: [button('Execute selected', ACTIONS.executeSelected, 'selected', 'primary')],
    });
  }
  const hidden = queue.cards.length - shown + queue.more;
  if (hidden > 0) blocks.push(context(`…and ${hidden} more. Narrow it down with \`/thread review <account>\`.`));
  return { text: `${queue.cards.length + queue.more} drafts waiting for review`, blocks };
}

/** Batch review: a ready draft gets a checkbox in its button row; "Execute selected" reads the checked ones. */
function withBatchCheckbox(card: ReviewCardData, blocks: KnownBlock[]): KnownBlock[] {
  if (card.status !== 'ready') return blocks;
  const checkbox: Checkboxes = {
    type: 'checkboxes',
    action_id: ACTIONS.batchSelect,
    options: [{ text: plain('Select', LIMITS.optionText), value: card.actionId }],
  };
  return blocks.map((b) =>
    b.type === 'actions' && b.block_id === `review:${card.actionId}`
      ? { ...b, elements: [checkbox, ...b.elements] }
      : b,
  );
}
