import type { ReviewQueue } from '../../services/review/list-review-queue';
import { buildReviewCard } from './review-card';
import { context, header, LIMITS, mrkdwnSection, safe } from './text';

/**
 * `/thread review`: cards grouped by account and milestone. A message holds at most 50 blocks, so cards are added
 * while they fit and the rest are counted in the footer.
 */
export function buildReviewQueue(queue: ReviewQueue) {
  if (queue.cards.length === 0) return { text: 'Nothing waiting for review.', blocks: [mrkdwnSection(':sparkles: Nothing waiting for review.')] };
  const blocks: object[] = [header(`Drafts waiting for review (${queue.cards.length + queue.more})`)];
  let group = '';
  let shown = 0;
  for (const card of queue.cards) {
    const key = `${card.accountName} · ${card.milestoneName}`;
    const rendered = buildReviewCard(card).blocks.slice(1); // the group heading replaces each card's header
    const heading = key === group ? [] : [mrkdwnSection(`*${safe(key, 300)}*`)];
    const cardTitle = context(`*${safe(card.actionName, 200)}*`);
    const needed = heading.length + 1 + rendered.length + 1 + 1; // + divider + footer
    if (blocks.length + needed > LIMITS.messageBlocks) break;
    blocks.push(...heading, cardTitle, ...rendered, { type: 'divider' });
    group = key;
    shown++;
  }
  const hidden = queue.cards.length - shown + queue.more;
  if (hidden > 0) blocks.push(context(`…and ${hidden} more. Narrow it down with \`/thread review <account>\`.`));
  return { text: `${queue.cards.length + queue.more} drafts waiting for review`, blocks };
}
