import { firstName } from '../../domain/first-name';
import type { KnownBlock } from '@slack/types';
import type {
  DailyDigest,
  DigestRiskItem,
  DigestSubmissionItem,
} from '../../services/notifications/notification-facts';
import { ACTIONS } from '../ids';
import type { SlackMessage } from './slack-message';
import { submissionReviewButtons } from './submission-buttons';
import { button, context, header, LIMITS, mrkdwnSection, safe } from './text';

/** Items shown per section; the rest are counted, so a busy CSM's digest stays one screen. */
export const DIGEST_LIST_LIMIT = 8;

type ListKey = Exclude<keyof DailyDigest['content'], 'atRisk' | 'waitingReviews'>;

const AT_RISK = { title: 'At risk', emoji: ':warning:' };
const WAITING_REVIEWS = { title: 'Submissions waiting for your review', emoji: ':inbox_tray:' };

const SECTIONS: { key: keyof DailyDigest['content']; title: string; emoji: string }[] = [
  { key: 'draftsToReview', title: 'Drafts waiting for your review', emoji: ':memo:' },
  { key: 'dueToday', title: 'Drafts due today', emoji: ':spiral_calendar_pad:' },
  { key: 'overdue', title: 'Overdue', emoji: ':alarm_clock:' },
  { key: 'blocked', title: 'Blocked milestones', emoji: ':no_entry:' },
  { key: 'atRisk', ...AT_RISK },
  { key: 'waitingReviews', ...WAITING_REVIEWS },
];

/**
 * The daily digest DM: one section per non-empty list with its count, the first few items as bullets. Every item
 * line comes from account, contact or CSM text, so all of it is escaped; the fallback text says the counts. Each
 * at-risk suggestion shown gets Confirm at risk and Dismiss, as on the account card (listeners/actions/settle-at-risk.ts),
 * and each submission shown gets Acknowledge and Follow up, as on the answer's own card: a CSM who takes their cards
 * in the digest acts on the answers right here. At most 2 + 4 × 2 + 2 × (2 + 8 × 2 + 1) + 1 = 49 blocks.
 */
export function buildDailyDigest(digest: DailyDigest): SlackMessage {
  const shown = SECTIONS.filter((s) => digest.content[s.key].length > 0);
  const blocks: KnownBlock[] = [
    header(`Your Thread digest for ${digest.date}`),
    mrkdwnSection(`Good morning ${safe(firstName(digest.recipientName), 100)}, here is what needs you today.`),
  ];
  for (const section of shown) {
    if (section.key === 'atRisk') {
      blocks.push({ type: 'divider' }, ...atRiskBlocks(digest.content.atRisk));
      continue;
    }
    if (section.key === 'waitingReviews') {
      blocks.push({ type: 'divider' }, ...waitingReviewBlocks(digest.content.waitingReviews));
      continue;
    }
    const items = digest.content[section.key satisfies ListKey];
    const lines = items.slice(0, DIGEST_LIST_LIMIT).map((item) => `• ${safe(item, 300)}`);
    if (items.length > DIGEST_LIST_LIMIT) lines.push(`• _and ${items.length - DIGEST_LIST_LIMIT} more_`);
    blocks.push(
      { type: 'divider' },
      mrkdwnSection(`${section.emoji} *${section.title} (${items.length})*\n${lines.join('\n')}`),
    );
  }
  blocks.push(context('Open the Thread Home tab or `/thread review` to act on these.'));
  const counts = shown.map((s) => `${digest.content[s.key].length} ${s.title.toLowerCase()}`).join(', ');
  return {
    text: `Your Thread digest for ${digest.date}: ${counts || 'nothing waiting'}.`,
    blocks: blocks.slice(0, LIMITS.messageBlocks),
  };
}

/** Accounts already at risk as bullets under the title; each suggestion as its own line with its two buttons. */
function atRiskBlocks(items: readonly DigestRiskItem[]): KnownBlock[] {
  const listed = items.slice(0, DIGEST_LIST_LIMIT);
  const confirmed = listed.filter((i) => !i.suggested).map((i) => `\n• ${safe(i.text, 300)}`);
  const blocks: KnownBlock[] = [
    mrkdwnSection(`${AT_RISK.emoji} *${AT_RISK.title} (${items.length})*${confirmed.join('')}`),
  ];
  for (const item of listed.filter((i) => i.suggested)) {
    blocks.push(mrkdwnSection(`• ${safe(item.text, 300)}`), {
      type: 'actions',
      elements: [
        button('Confirm at risk', ACTIONS.riskConfirm, item.accountId, 'danger'),
        button('Dismiss', ACTIONS.riskDismiss, item.accountId),
      ],
    });
  }
  if (items.length > DIGEST_LIST_LIMIT) blocks.push(mrkdwnSection(`• _and ${items.length - DIGEST_LIST_LIMIT} more_`));
  return blocks;
}

/** Each submission shown as its own line with Acknowledge and Follow up; reviewed, the buttons give way to who did it. */
function waitingReviewBlocks(items: readonly DigestSubmissionItem[]): KnownBlock[] {
  const blocks: KnownBlock[] = [mrkdwnSection(`${WAITING_REVIEWS.emoji} *${WAITING_REVIEWS.title} (${items.length})*`)];
  for (const item of items.slice(0, DIGEST_LIST_LIMIT)) {
    blocks.push(mrkdwnSection(`• ${safe(item.text, 300)}`), submissionReviewButtons(item.submissionId));
  }
  if (items.length > DIGEST_LIST_LIMIT) blocks.push(mrkdwnSection(`• _and ${items.length - DIGEST_LIST_LIMIT} more_`));
  return blocks;
}
