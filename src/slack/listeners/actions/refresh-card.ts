import type { BlockAction, RespondFn } from '@slack/bolt';
import { getReviewCard } from '../../../services/review/get-review-card';
import { PLAN_REVIEW_BLOCK } from '../../blocks/plan';
import { buildReviewCard } from '../../blocks/review-card';
import type { SlackDeps } from '../../deps';
import { showPlan } from '../../subcommands/show-plan';
import { actorOf, clickedMessage } from '../interaction';

/**
 * After a review step, every place the card shows is brought up to date: the channel card (chat.update through
 * the notifier), and the message that was clicked when it is another one (an ephemeral `/thread review` card, or
 * the plan, which is shown again whole). From a modal there is no clicked message: only the channel card is
 * refreshed.
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
  if (clicked.body.actions[0]?.block_id?.startsWith(PLAN_REVIEW_BLOCK)) {
    const plan = await showPlan(deps, await actorOf(deps, clicked.body), card.accountId);
    await clicked.respond({ replace_original: true, text: plan.text, blocks: plan.blocks });
    return;
  }
  const isChannelCard = card.cardTs !== null && where.ts === card.cardTs && where.channel === card.cardChannel;
  if (isChannelCard) return;
  const message = buildReviewCard(card);
  await clicked.respond({ replace_original: true, text: message.text, blocks: message.blocks });
}
