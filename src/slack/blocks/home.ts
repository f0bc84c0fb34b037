import type { HomeView, KnownBlock, PlainTextOption, SectionBlock } from '@slack/types';
import type { HomeData } from '../../services/home/get-home';
import { ACTIONS } from '../ids';
import { submissionReviewButtons } from './submission-buttons';
import {
  button,
  context,
  header,
  LIMITS,
  mrkdwnSection,
  packLines,
  plain,
  safe,
  slackTime,
  STATUS_EMOJI,
} from './text';

type Delivery = NonNullable<HomeData['reviewCardDelivery']>;

/** The two ways review cards can reach a CSM; the option value is what setReviewCardDelivery takes. */
export const REVIEW_CARD_DELIVERY_OPTIONS: Record<Delivery, { label: string; explained: string }> = {
  as_they_come: {
    label: 'As they come',
    explained: 'each card is posted in the CSM channel when its draft is ready',
  },
  digest: {
    label: 'In my morning digest',
    explained:
      'no card is posted for drafts or customer answers; your morning digest lists the drafts waiting (`/thread review` shows them) and the answers to review, which you can also acknowledge right here',
  },
};

function deliveryOption(value: Delivery): PlainTextOption {
  return { text: plain(REVIEW_CARD_DELIVERY_OPTIONS[value].label, LIMITS.optionText), value };
}

/** How review cards reach the person, with the select that changes it (saved at once). */
function deliveryBlock(current: Delivery): SectionBlock {
  return {
    ...mrkdwnSection(`*Review cards reach you:* ${REVIEW_CARD_DELIVERY_OPTIONS[current].explained}.`),
    accessory: {
      type: 'static_select',
      action_id: ACTIONS.reviewCardDelivery,
      options: (Object.keys(REVIEW_CARD_DELIVERY_OPTIONS) as Delivery[]).map(deliveryOption),
      initial_option: deliveryOption(current),
    },
  };
}

function lines(items: string[], empty: string): string {
  return items.length ? items.join('\n') : `_${empty}_`;
}

/** At-risk accounts with Back on track, and Thread's suggestions with Confirm and Dismiss (lists capped by the service). */
function riskBlocks(h: HomeData): KnownBlock[] {
  const blocks: KnownBlock[] = [mrkdwnSection(`*At-risk accounts*${h.atRisk.length ? '' : '\n_none_'}`)];
  for (const a of h.atRisk) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `• ${safe(a.accountName, 150)}` },
      accessory: button('Back on track', ACTIONS.backOnTrack, a.accountId),
    });
  }
  for (const s of h.riskSuggestions) {
    const reasons = s.reasons.slice(0, 5).map((r) => `  – ${safe(r, 200)}`);
    blocks.push(
      mrkdwnSection(`:warning: Thread suggests *${safe(s.accountName, 150)}* is at risk\n${reasons.join('\n')}`),
      {
        type: 'actions',
        elements: [
          button('Confirm at risk', ACTIONS.riskConfirm, s.accountId, 'danger'),
          button('Dismiss', ACTIONS.riskDismiss, s.accountId),
        ],
      },
    );
  }
  return blocks;
}

/**
 * Customer answers not yet reviewed, each with Acknowledge and Follow up: for a CSM who takes their cards in the
 * morning digest no answer card is posted, so this is where they act on one between digests.
 */
function submissionBlocks(h: HomeData): KnownBlock[] {
  const blocks: KnownBlock[] = [
    mrkdwnSection(`*Customer submissions to review*${h.unreviewedSubmissions.length ? '' : '\n_none_'}`),
  ];
  for (const s of h.unreviewedSubmissions) {
    blocks.push(
      mrkdwnSection(`• ${safe(s.accountName, 150)} · ${safe(s.actionName, 150)} (${slackTime(s.at)})`),
      submissionReviewButtons(s.submissionId),
    );
  }
  return blocks;
}

/** The App Home tab. At most 100 blocks (about 75 with every list full); each list is capped by the service. */
export function buildHome(h: HomeData): HomeView {
  const blocks: KnownBlock[] = [header('Your onboarding today')];
  if (h.orgCounts) {
    const c = h.orgCounts;
    blocks.push(
      mrkdwnSection(
        `*Organisation* · ${c.accounts} accounts (${c.active} active, ${c.atRisk} at risk) · ${c.draftsWaiting} drafts waiting · ${c.blockedMilestones} blocked milestones · ${c.overdueActions} overdue actions`,
      ),
    );
    blocks.push({
      type: 'actions',
      elements: [
        button('Settings', ACTIONS.openSettings, 'settings'),
        button('People', ACTIONS.openPeople, 'people'),
        button('Handoff questions', ACTIONS.handoffQuestionsOpen, 'home'),
        button('Connectors', ACTIONS.hubspotOpenConnectors, 'home'),
      ],
    });
  }
  if (h.canViewAnalytics)
    blocks.push({
      type: 'actions',
      elements: [button('Analytics', ACTIONS.homeOpenAnalytics, 'home', 'primary')],
    });
  blocks.push({ type: 'divider' });
  blocks.push(
    mrkdwnSection(
      `*Drafts waiting for your review (${h.draftsWaiting.length})* — \`/thread review\` shows them as cards`,
    ),
  );
  for (const d of h.draftsWaiting) {
    blocks.push(
      mrkdwnSection(
        `${safe(d.accountName, 150)} · *${safe(d.actionName, 150)}*${d.status === 'review_pending' ? ' _(changes requested)_' : ''}`,
      ),
    );
  }
  if (!h.draftsWaiting.length) blocks.push(context('Nothing to review. :sparkles:'));
  if (h.reviewCardDelivery) blocks.push(deliveryBlock(h.reviewCardDelivery));
  blocks.push({ type: 'divider' });
  blocks.push(mrkdwnSection('*Needs attention today*'));
  blocks.push(
    mrkdwnSection(
      `*Overdue actions*\n${lines(
        h.overdue.map((o) => `• ${safe(o.accountName, 150)} · ${safe(o.actionName, 150)} (due ${slackTime(o.dueAt)})`),
        'none',
      )}`,
    ),
  );
  blocks.push(
    mrkdwnSection(
      `*Blocked milestones*\n${lines(
        h.blocked.map((b) => `• ${safe(b.accountName, 150)} · ${safe(b.milestoneName, 150)}: ${safe(b.note, 200)}`),
        'none',
      )}`,
    ),
  );
  blocks.push(...riskBlocks(h));
  blocks.push(...submissionBlocks(h));
  blocks.push({ type: 'divider' });
  blocks.push(mrkdwnSection(`*Your accounts (${h.accounts.length})*`));
  const accountLines = h.accounts.map(
    (a) =>
      `${STATUS_EMOJI[a.status] ?? ''} *${safe(a.name, 150)}* · ${a.progressPct}% · ${a.currentMilestone ? safe(a.currentMilestone, 100) : '—'} · ${safe(a.slipSentence, 200)}\n      ${safe(a.courtSentence, 400)}`,
  );
  if (accountLines.length === 0) blocks.push(mrkdwnSection(lines([], 'no accounts assigned to you yet')));
  // With whose court on each line, fifteen accounts outgrow one section's 3000 characters.
  for (const text of packLines(accountLines, LIMITS.sectionText)) blocks.push(mrkdwnSection(text));
  return { type: 'home', blocks: blocks.slice(0, LIMITS.viewBlocks) };
}
