import type { ReviewCardData } from '../../services/review/review-card-data';
import { ACTIONS } from '../ids';
import { button, context, header, mrkdwnSection, safe, slackTime } from './text';

const TYPE_LABEL: Record<string, string> = {
  email: 'Email',
  slack_message: 'Slack message',
  portal_form: 'Portal form',
  portal_document: 'Document request',
  internal_task: 'Internal task',
};

const STATUS_LINE: Record<string, string> = {
  pending: ':hourglass: Not due yet',
  ready: ':eyes: Ready for review',
  review_pending: ':pencil2: Changes requested — waiting for a new draft',
  executing: ':outbox_tray: Sending…',
  executed: ':white_check_mark: Sent',
  completed: ':tada: Completed',
  skipped: ':fast_forward: Skipped',
};

/** Room for the draft body once everything else in its section is counted. */
const BODY_MAX = 2600;

/**
 * The action-review card. Its buttons follow the state: only a ready draft can be approved, executed or sent
 * back; a sent or skipped action shows its outcome and no buttons, so a stale card cannot be acted on.
 */
export function buildReviewCard(c: ReviewCardData) {
  const title = `${c.accountName} · ${c.milestoneName} · ${c.actionName}`;
  // Channel and user mentions Thread built itself pass as they are; anything else (contact names, emails) is escaped.
  const named = c.recipients.slice(0, 5).map((r) => (/^<[#@][A-Z0-9]{2,30}>$/.test(r) ? r : safe(r, 200)));
  if (c.recipients.length > 5) named.push(`and ${c.recipients.length - 5} more`);
  const recipients = named.length ? named.join(', ') : '_no recipients yet_';
  const draft = [c.subject ? `*Subject:* ${safe(c.subject, 250)}` : null, safe(c.body, BODY_MAX) || '_empty draft_'].filter(Boolean).join('\n');
  let status = STATUS_LINE[c.status] ?? c.status;
  if (c.status === 'ready' && c.approvedAt) status = `:ballot_box_with_check: Approved${c.approvedBySlackUserId ? ` by <@${c.approvedBySlackUserId}>` : ''} — ready to execute`;
  if (c.status === 'executed' && c.executedAt) status = `${status} ${slackTime(c.executedAt)}`;

  const blocks: object[] = [
    header(title),
    context(`*${TYPE_LABEL[c.type] ?? c.type}* to ${recipients} · due ${slackTime(c.dueAt)}`),
    mrkdwnSection(draft),
  ];
  if (c.lintFindings.length) {
    const lines = c.lintFindings.slice(0, 10).map((f) => `${f.severity === 'error' ? ':x:' : ':warning:'} ${safe(f.message, 250)}`);
    blocks.push(mrkdwnSection(`*Check before sending*\n${lines.join('\n')}`));
  }
  if (c.reviewNote && c.status === 'review_pending') blocks.push(mrkdwnSection(`*Changes requested:* ${safe(c.reviewNote, 1000)}`));
  if (c.lastError && c.status === 'ready') blocks.push(mrkdwnSection(`:rotating_light: *Last send failed:* ${safe(c.lastError, 1000)}`));
  blocks.push(context(status));

  const elements = [];
  if (c.status === 'ready') {
    if (!c.approvedAt) elements.push(button('Approve', ACTIONS.approve, c.actionId, 'primary'));
    elements.push(button('Edit', ACTIONS.edit, c.actionId));
    elements.push(button('Request changes', ACTIONS.requestChanges, c.actionId));
    elements.push(button('Execute', ACTIONS.execute, c.actionId, c.approvedAt ? 'primary' : undefined));
    if (c.type === 'slack_message') elements.push(button('Send test to me', ACTIONS.sendTest, c.actionId));
    elements.push(button('Skip', ACTIONS.skip, c.actionId, 'danger'));
  } else if (c.status === 'review_pending') {
    elements.push(button('Edit', ACTIONS.edit, c.actionId));
    elements.push(button('Skip', ACTIONS.skip, c.actionId, 'danger'));
  }
  if (elements.length) blocks.push({ type: 'actions', block_id: `review:${c.actionId}`, elements });
  return { text: `${title}: ${STATUS_LINE[c.status] ?? c.status}`, blocks };
}
