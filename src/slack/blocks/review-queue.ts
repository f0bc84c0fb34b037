import type { Checkboxes, KnownBlock, SectionBlock } from '@slack/types';
import type { ActionToStart, ReviewQueue } from '../../services/review/list-review-queue';
import type { ReviewCardData } from '../../services/review/review-card-data';
import { buildReviewCard } from './review-card';
import { ACTIONS, START_ACTION_NOW } from '../ids';
import type { SlackMessage } from './slack-message';
import { button, context, header, LIMITS, mrkdwnSection, plain, safe } from './text';

/** Manual actions listed at most, so the drafts keep most of the message. */
const MAX_TO_START = 8;

/**
 * `/thread review`: cards grouped by account and milestone, then the manual actions waiting for someone to start
 * them. A message holds at most 50 blocks: the manual actions take their (bounded) room first, cards are added
 * while they fit, and the rest are counted in footers.
 */
export function buildReviewQueue(queue: ReviewQueue): SlackMessage {
  const startBlocks = buildToStart(queue.toStart);
  if (queue.cards.length === 0 && startBlocks.length === 0)
    return { text: 'Nothing waiting for review.', blocks: [mrkdwnSection(':sparkles: Nothing waiting for review.')] };
  const waiting = queue.cards.length + queue.more;
  const blocks: KnownBlock[] = [
    header(waiting > 0 ? `Drafts waiting for review (${waiting})` : 'Nothing waiting for review'),
  ];
  const budget = LIMITS.messageBlocks - startBlocks.length;
  let group = '';
  let shown = 0;
  for (const card of queue.cards) {
    const key = `${card.accountName} · ${card.milestoneName}`;
    const rendered = withBatchCheckbox(card, buildReviewCard(card).blocks.slice(1)); // the group heading replaces each card's header
    const heading = key === group ? [] : [mrkdwnSection(`*${safe(key, 300)}*`)];
    const cardTitle = context(`*${safe(card.actionName, 200)}*`);
    const needed = heading.length + 1 + rendered.length + 1 + 1 + 1; // + divider + footer + "Execute selected"
    if (blocks.length + needed > budget) break;
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
  blocks.push(...startBlocks);
  const parts = [
    `${waiting} draft${waiting === 1 ? '' : 's'} waiting for review`,
    queue.toStart.length > 0
      ? `${queue.toStart.length} manual action${queue.toStart.length === 1 ? '' : 's'} to start`
      : null,
  ];
  return { text: parts.filter(Boolean).join(', '), blocks };
}

/** One line per manual action with its "Start now" button; the button's block id names the action. */
function buildToStart(toStart: readonly ActionToStart[]): KnownBlock[] {
  if (toStart.length === 0) return [];
  const rows = toStart.slice(0, MAX_TO_START).map((a): SectionBlock => ({
    ...mrkdwnSection(
      `*${safe(a.actionName, 200)}* · ${safe(a.accountName, 200)} · ${safe(a.milestoneName, 200)}`,
      `start:${a.actionId}`,
    ),
    accessory: button('Start now', START_ACTION_NOW, a.actionId, 'primary'),
  }));
  const more = toStart.length - rows.length;
  return [
    mrkdwnSection('*Manual actions waiting for you to start them*'),
    ...rows,
    ...(more > 0 ? [context(`…and ${more} more.`)] : []),
  ];
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
