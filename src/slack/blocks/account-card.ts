import type { Button, KnownBlock } from '@slack/types';
import { CONTACT_ROLE_NAMES } from '../../domain/contact-rules';
import { SLACK_CHANNEL_ID, SLACK_USER_ID } from '../../domain/slack-ids';
import type { AccountOverview } from '../../services/accounts/get-account-overview';
import type { ContactView } from '../../services/contacts/contact-change';
import { ACTIONS } from '../ids';
import { scheduleLines } from './account-metrics';
import { aeMention, handoffStateLine } from './handoff-summary';
import type { SlackMessage } from './slack-message';
import {
  button,
  context,
  formatArr,
  formatDate,
  header,
  mrkdwnSection,
  plain,
  safe,
  slackTime,
  STATUS_EMOJI,
} from './text';

/** The block id that tells a click on the card itself from one on another message (the daily digest). */
export const ACCOUNT_CARD_MARKER = 'account_card';

/** How many contacts the card lists, each with Edit and Remove (two blocks each, within Slack's 50). */
const MAX_CONTACTS_SHOWN = 10;

/** A channel mention only for a real channel id: anything else would be outside text in a link. */
function channelMention(id: string | null, none: string): string {
  return id && SLACK_CHANNEL_ID.test(id) ? `<#${id}>` : none;
}

/** The value of a contact's Edit and Remove buttons: the account, then the contact. */
export function contactButtonValue(accountId: string, contactId: string): string {
  return `${accountId}|${contactId}`;
}

function contactLine(c: ContactView): string {
  const parts = [
    `*${safe(c.name, 150)}*${c.isPrimary ? ' :star:' : ''}`,
    c.title ? safe(c.title, 100) : null,
    CONTACT_ROLE_NAMES[c.role],
    safe(c.email, 254),
    c.slackUserId && SLACK_USER_ID.test(c.slackUserId) ? `<@${c.slackUserId}>` : null,
    c.removedFromCrmAt ? `:warning: _removed in HubSpot ${formatDate(c.removedFromCrmAt)}_` : null,
  ];
  return parts.filter((p): p is string => p !== null).join(' · ');
}

function removeButton(a: AccountOverview, c: ContactView): Button {
  return {
    ...button('Remove', ACTIONS.removeContact, contactButtonValue(a.id, c.id), 'danger'),
    confirm: {
      title: plain('Remove this contact?', 100),
      text: {
        type: 'mrkdwn',
        text: `${safe(c.name, 150)} (${safe(c.email, 254)}) will no longer be a contact of ${safe(a.name, 150)}, and their portal links stop working.`,
      },
      confirm: plain('Remove', 30),
      deny: plain('Keep', 30),
      style: 'danger',
    },
  };
}

function contactBlocks(a: AccountOverview): KnownBlock[] {
  const shown = a.contacts.slice(0, MAX_CONTACTS_SHOWN);
  const blocks: KnownBlock[] = [
    mrkdwnSection(`*Contacts (${a.contacts.length})*${shown.length ? '' : '\n_none yet_'}`),
  ];
  for (const c of shown) {
    blocks.push(mrkdwnSection(contactLine(c)), {
      type: 'actions',
      elements: [button('Edit', ACTIONS.editContact, contactButtonValue(a.id, c.id)), removeButton(a, c)],
    });
  }
  if (a.contacts.length > shown.length) blocks.push(context(`…and ${a.contacts.length - shown.length} more.`));
  blocks.push({ type: 'actions', elements: [button('Add contact', ACTIONS.addContact, a.id)] });
  return blocks;
}

/** A finished onboarding, live or churned, in one line; nothing while it runs. */
function outcomeBlocks(a: AccountOverview): KnownBlock[] {
  if (a.live) {
    const days = a.live.timeToValueDays;
    return [
      mrkdwnSection(
        `:rocket: *Live since ${formatDate(a.live.since)}*, time to value ${days} day${days === 1 ? '' : 's'}`,
      ),
      context('Time to value counts business days from kickoff to go-live, both included. An admin can reopen it.'),
    ];
  }
  if (a.churn) {
    const when = a.churn.at ? ` on ${formatDate(a.churn.at)}` : '';
    return [
      mrkdwnSection(`:x: *Churned${when}*\n${safe(a.churn.reason, 2000) || '_no reason recorded_'}`),
      context('Thread does no more scheduled work for it. An admin can reopen it.'),
    ];
  }
  return [];
}

/**
 * Reopen for an account whose onboarding has ended (the service lets only admins); Mark churned for one that has
 * not churned yet (its CSM or an admin).
 */
function statusButtons(a: AccountOverview): Button[] {
  const ended = a.status === 'completed' || a.status === 'churned';
  return [
    ...(ended ? [button('Reopen', ACTIONS.reopenAccount, a.id)] : []),
    ...(a.status === 'churned' ? [] : [button('Mark churned', ACTIONS.markChurned, a.id, 'danger')]),
  ];
}

/** Answers of a handoff shown on the card itself; the rest are behind Handoff summary. */
const HANDOFF_ANSWERS_ON_CARD = 3;

/**
 * The AE's handoff on the card: while the account waits for it, who it waits for, with Fill in and Start plan
 * anyway; once it is in, who handed over and its first answers; a plan started without it says so and why.
 */
function handoffBlocks(a: AccountOverview): KnownBlock[] {
  const h = a.handoff;
  if (a.status === 'pending_handoff') {
    return [
      mrkdwnSection(
        `:handshake: *Waiting for the handoff from ${aeMention(h)}*${h.requestedAt ? `, asked ${slackTime(h.requestedAt)}` : ''}`,
      ),
      context(
        `The plan has not started: planned kickoff ${formatDate(a.kickoffDate)}. It starts when the handoff is in, or when its CSM starts it anyway.`,
      ),
      {
        type: 'actions',
        elements: [
          button('Fill in the handoff', ACTIONS.handoffFill, a.id),
          button('Start plan anyway', ACTIONS.handoffStartAnyway, a.id),
        ],
      },
    ];
  }
  const blocks: KnownBlock[] = [];
  if (h.state === 'submitted') {
    const lines = h.answers
      .slice(0, HANDOFF_ANSWERS_ON_CARD)
      .map((x) => `• *${safe(x.question, 150)}*: ${safe(x.answer, 300)}`);
    const more =
      h.answers.length > HANDOFF_ANSWERS_ON_CARD
        ? `\n_…${h.answers.length - HANDOFF_ANSWERS_ON_CARD} more under Handoff summary_`
        : '';
    blocks.push(mrkdwnSection(`*Handoff* · ${handoffStateLine(h)}\n${lines.join('\n') || '_no answers_'}${more}`));
  }
  if (h.startedWithout) {
    blocks.push(
      context(
        `:fast_forward: Started without the handoff on ${formatDate(h.startedWithout.at)}: ${safe(h.startedWithout.reason, 500)}`,
      ),
    );
  }
  return blocks;
}

function riskBlocks(a: AccountOverview): KnownBlock[] {
  if (a.status === 'completed' || a.status === 'churned') return [];
  if (a.status === 'at_risk') {
    return [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: ':warning: *At risk.* When it is back on track, say so.' },
        accessory: button('Back on track', ACTIONS.backOnTrack, a.id, 'primary'),
      },
    ];
  }
  if (!a.riskSuggestion) return [];
  const reasons = a.riskSuggestion.reasons.slice(0, 10).map((r) => `• ${safe(r, 250)}`);
  return [
    mrkdwnSection(`:warning: *Thread suggests this account is at risk*\n${reasons.join('\n') || '_no reason given_'}`),
    {
      type: 'actions',
      elements: [
        button('Confirm at risk', ACTIONS.riskConfirm, a.id, 'danger'),
        button('Dismiss', ACTIONS.riskDismiss, a.id),
      ],
    },
  ];
}

/** The company in HubSpot, for an account made from a deal. The URL is built from HubSpot's numeric ids only. */
function hubspotBlocks(a: AccountOverview): KnownBlock[] {
  return a.hubspotCompanyUrl && /^https:\/\/app\.hubspot\.com\/contacts\/\d+\/company\/\d+$/.test(a.hubspotCompanyUrl)
    ? [context(`:link: <${a.hubspotCompanyUrl}|The company in HubSpot>`)]
    : [];
}

/** `/thread account`: the account at a glance, with its buttons. */
export function buildAccountCard(a: AccountOverview): SlackMessage {
  const csm = a.csmSlackUserId ? `<@${a.csmSlackUserId}>` : a.csmName ? safe(a.csmName, 100) : '_no CSM_';
  const current =
    a.status === 'pending_handoff'
      ? '_plan not started: waiting for the handoff_'
      : a.currentMilestone
        ? `${STATUS_EMOJI[a.currentMilestone.status] ?? ''} ${safe(a.currentMilestone.name, 150)} (${a.currentMilestone.status.replace('_', ' ')}, planned end ${formatDate(a.currentMilestone.plannedEndDate)})`
        : '_none in progress_';
  const next = a.nextActions.length
    ? a.nextActions
        .map(
          (x) =>
            `• ${safe(x.name, 150)} — ${x.type.replace('_', ' ')}, ${x.status.replace('_', ' ')}, ${slackTime(x.dueAt)}`,
        )
        .join('\n')
    : '_nothing open_';
  const blockers = a.blockers.length
    ? a.blockers.map((b) => `:no_entry: *${safe(b.milestoneName, 150)}*: ${safe(b.note, 500)}`).join('\n')
    : '_none_';
  const actions = [
    button('Timeline', ACTIONS.openTimeline, a.id),
    button('Metrics', ACTIONS.openAccountMetrics, a.id),
    button('Plan', ACTIONS.openPlan, a.id),
    button('Handoff summary', ACTIONS.openHandoff, a.id),
    button(`Review drafts (${a.draftsWaiting})`, ACTIONS.openReview, a.id, a.draftsWaiting > 0 ? 'primary' : undefined),
    button('Copy portal link', ACTIONS.copyPortalLink, a.id),
    button('Email portal link', ACTIONS.emailPortalLink, a.id),
    button('Revoke portal links', ACTIONS.revokePortalLinks, a.id),
    button('Channels', ACTIONS.openAccountChannels, a.id),
  ];
  const milestoneButtons = a.currentMilestone
    ? a.currentMilestone.status === 'blocked'
      ? [button('Unblock milestone', ACTIONS.milestoneUnblock, a.currentMilestone.id)]
      : [
          button('Complete milestone', ACTIONS.milestoneComplete, a.currentMilestone.id),
          button('Block milestone', ACTIONS.milestoneBlock, a.currentMilestone.id, 'danger'),
        ]
    : [];
  const blocks: KnownBlock[] = [
    header(a.name),
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*Status*\n${STATUS_EMOJI[a.status] ?? ''} ${a.status.replace('_', ' ')}` },
        { type: 'mrkdwn', text: `*ARR*\n${formatArr(a.arr)}` },
        { type: 'mrkdwn', text: `*CSM*\n${csm}` },
        { type: 'mrkdwn', text: `*Progress*\n${a.milestonesDone}/${a.milestonesTotal} milestones done` },
      ],
    },
    ...outcomeBlocks(a),
    ...handoffBlocks(a),
    ...riskBlocks(a),
    mrkdwnSection(`*Current milestone*\n${current}`),
    // A churned account's clocks stopped with it; its open milestones would read as slipping every day.
    ...(a.status === 'churned' ? [] : [mrkdwnSection(scheduleLines(a.figures))]),
    mrkdwnSection(`*Next actions*\n${next}`),
    mrkdwnSection(`*Blockers*\n${blockers}`),
    mrkdwnSection(
      `*Slack places*\nCSM channel (review cards): ${channelMention(a.csmChannelId, '_the organisation’s default_')}\nCustomer channel: ${channelMention(a.customerChannelId, '_none_')}`,
    ),
    ...contactBlocks(a),
    ...hubspotBlocks(a),
    { type: 'actions', elements: [...actions, ...milestoneButtons, ...statusButtons(a)] },
    { ...context(`Account id ${a.id}`), block_id: ACCOUNT_CARD_MARKER },
  ];
  return {
    text: `${a.name}: ${a.status.replace('_', ' ')}, ${a.milestonesDone}/${a.milestonesTotal} milestones done`,
    blocks,
  };
}
