import type { KnownBlock } from '@slack/types';
import type { AccountOverview } from '../../services/accounts/get-account-overview';
import { ACTIONS } from '../ids';
import type { SlackMessage } from './slack-message';
import { button, context, formatArr, formatDate, header, mrkdwnSection, safe, slackTime, STATUS_EMOJI } from './text';

/** `/thread account`: the account at a glance, with its buttons. */
export function buildAccountCard(a: AccountOverview): SlackMessage {
  const csm = a.csmSlackUserId ? `<@${a.csmSlackUserId}>` : a.csmName ? safe(a.csmName, 100) : '_no CSM_';
  const current = a.currentMilestone
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
    button('Handoff summary', ACTIONS.openHandoff, a.id),
    button(`Review drafts (${a.draftsWaiting})`, ACTIONS.openReview, a.id, a.draftsWaiting > 0 ? 'primary' : undefined),
    button('Copy portal link', ACTIONS.copyPortalLink, a.id),
    button('Email portal link', ACTIONS.emailPortalLink, a.id),
    button('Revoke portal links', ACTIONS.revokePortalLinks, a.id),
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
    mrkdwnSection(`*Current milestone*\n${current}`),
    mrkdwnSection(`*Next actions*\n${next}`),
    mrkdwnSection(`*Blockers*\n${blockers}`),
    { type: 'actions', elements: [...actions, ...milestoneButtons] },
    context(`Account id ${a.id}`),
  ];
  return {
    text: `${a.name}: ${a.status.replace('_', ' ')}, ${a.milestonesDone}/${a.milestonesTotal} milestones done`,
    blocks,
  };
}
