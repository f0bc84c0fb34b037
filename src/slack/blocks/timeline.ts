import type { KnownBlock } from '@slack/types';
import type { AccountTimeline } from '../../services/accounts/get-timeline';
import { ACTIONS } from '../ids';
import type { SlackMessage } from './slack-message';
import { button, context, formatDate, header, LIMITS, mrkdwnSection, safe, STATUS_EMOJI } from './text';

/** `/thread timeline`: planned vs actual per milestone, with the one milestone button each state allows. */
export function buildTimeline(t: AccountTimeline): SlackMessage {
  const blocks: KnownBlock[] = [header(`Timeline · ${t.accountName}`)];
  for (const m of t.milestones) {
    // Room is kept for the closing line and the Plan button.
    if (blocks.length + (m.status === 'in_progress' ? 2 : 1) > LIMITS.messageBlocks - 2) break;
    const actual = m.completedAt
      ? `started ${formatDate(m.startedAt)}, done ${formatDate(m.completedAt)}`
      : m.startedAt
        ? `started ${formatDate(m.startedAt)}`
        : 'not started';
    const lines = [
      `${STATUS_EMOJI[m.status] ?? ''} *${safe(m.name, 150)}* — ${m.status.replace('_', ' ')}`,
      `Planned ${formatDate(m.plannedStartDate)} → ${formatDate(m.plannedEndDate)} · Actual: ${actual} · ${m.totalActions - m.openActions}/${m.totalActions} actions done`,
    ];
    if (m.blockerNote) lines.push(`:no_entry: Blocked: ${safe(m.blockerNote, 1000)}`);
    if (m.completionOverride) lines.push(`_Completed with open actions: ${safe(m.completionOverride, 500)}_`);
    const accessory =
      m.status === 'pending'
        ? button('Start', ACTIONS.milestoneStart, m.id)
        : m.status === 'in_progress'
          ? button('Complete', ACTIONS.milestoneComplete, m.id)
          : m.status === 'blocked'
            ? button('Unblock', ACTIONS.milestoneUnblock, m.id)
            : undefined;
    blocks.push({ ...mrkdwnSection(lines.join('\n')), ...(accessory ? { accessory } : {}) });
    if (m.status === 'in_progress')
      blocks.push({ type: 'actions', elements: [button(`Block ${m.name}`, ACTIONS.milestoneBlock, m.id, 'danger')] });
  }
  blocks.push(context('Planned dates count business days from the kickoff.'));
  blocks.push({ type: 'actions', elements: [button('Plan', ACTIONS.openPlan, t.accountId)] });
  return { text: `Timeline for ${t.accountName}`, blocks };
}
