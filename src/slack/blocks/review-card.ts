import type { Button, KnownBlock } from '@slack/types';
import type { ReviewCardData } from '../../services/review/review-card-data';
import { ACTIONS } from '../ids';
import type { SlackMessage } from './slack-message';
import { button, context, header, LIMITS, mrkdwnSection, plain, safe, slackTime } from './text';

export const TYPE_LABEL: Record<string, string> = {
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
export function buildReviewCard(c: ReviewCardData): SlackMessage {
  const title = `${c.accountName} · ${c.milestoneName} · ${c.actionName}`;
  // Channel and user mentions Thread built itself pass as they are; anything else (contact names, emails) is escaped.
  const named = c.recipients.slice(0, 5).map((r) => (/^<[#@][A-Z0-9]{2,30}>$/.test(r) ? r : safe(r, 200)));
  if (c.recipients.length > 5) named.push(`and ${c.recipients.length - 5} more`);
  const recipients = named.length ? named.join(', ') : '_no recipients yet_';
  const draft = [c.subject ? `*Subject:* ${safe(c.subject, 250)}` : null, safe(c.body, BODY_MAX) || '_empty draft_']
    .filter(Boolean)
    .join('\n');
  let status = STATUS_LINE[c.status] ?? c.status;
  if (c.status === 'ready' && c.approvedAt)
    status = `:ballot_box_with_check: Approved${c.approvedBySlackUserId ? ` by <@${c.approvedBySlackUserId}>` : ''} — ready to execute`;
  if (c.status === 'executed' && c.executedAt) status = `${status} ${slackTime(c.executedAt)}`;

  const blocks: KnownBlock[] = [
    header(title),
    context(`*${TYPE_LABEL[c.type] ?? c.type}* to ${recipients} · due ${slackTime(c.dueAt)}`),
  ];
  // What it waited on never happened: the CSM should know before sending it.
  if (c.releasedBySkipOf)
    blocks.push(context(`:fast_forward: Fires because *${safe(c.releasedBySkipOf, 200)}* was skipped.`));
  blocks.push(mrkdwnSection(draft));
  if (c.status === 'ready' && c.aiDraftPending)
    blocks.push(
      context(
        ':hourglass_flowing_sand: This is the template’s text. The AI draft replaces it here when it is written, unless you edit or approve this one first.',
      ),
    );
  else if (c.status === 'ready' && c.aiDraftNote) blocks.push(context(`:warning: ${safe(c.aiDraftNote, 1000)}`));
  if (c.lintFindings.length) {
    const lines = c.lintFindings
      .slice(0, 10)
      .map((f) => `${f.severity === 'error' ? ':x:' : ':warning:'} ${safe(f.message, 250)}`);
    blocks.push(mrkdwnSection(`*Check before sending*\n${lines.join('\n')}`));
  }
  if (c.reviewNote && c.status === 'review_pending')
    blocks.push(mrkdwnSection(`*Changes requested:* ${safe(c.reviewNote, 1000)}`));
  if (c.lastError && c.status === 'ready')
    blocks.push(mrkdwnSection(`:rotating_light: *Last send failed:* ${safe(c.lastError, 1000)}`));
  blocks.push(context(status));

  const elements = reviewButtons(c);
  if (elements.length) blocks.push({ type: 'actions', block_id: `review:${c.actionId}`, elements });
  return { text: `${title}: ${STATUS_LINE[c.status] ?? c.status}`, blocks };
}

/** What the review buttons of an action depend on; the plan shows the same buttons beside a ready draft. */
export type ReviewButtonFacts = Pick<
  ReviewCardData,
  'actionId' | 'type' | 'status' | 'approvedAt' | 'lastError' | 'lintFindings'
>;

/** The buttons the action's state allows (none once it is sent and answered, or skipped). */
export function reviewButtons(c: ReviewButtonFacts): Button[] {
  const elements: Button[] = [];
  if (c.status === 'ready') {
    if (!c.approvedAt) elements.push(button('Approve', ACTIONS.approve, c.actionId, 'primary'));
    elements.push(button('Edit', ACTIONS.edit, c.actionId));
    elements.push(button('Request changes', ACTIONS.requestChanges, c.actionId));
    // After a failed send the same button sends again; its label says so.
    elements.push(
      button(c.lastError ? 'Retry' : 'Execute', ACTIONS.execute, c.actionId, c.approvedAt ? 'primary' : undefined),
    );
    if (c.type !== 'internal_task' && c.lintFindings.some((f) => f.severity === 'error'))
      elements.push(executeAnywayButton(c.actionId));
    if (c.type === 'internal_task') elements.push(button('Done', ACTIONS.taskDone, c.actionId));
    if (c.type === 'slack_message') elements.push(button('Send test to me', ACTIONS.sendTest, c.actionId));
    elements.push(button('Skip', ACTIONS.skip, c.actionId, 'danger'));
  } else if (c.status === 'executed' && (c.type === 'email' || c.type === 'slack_message')) {
    elements.push(button('Customer responded', ACTIONS.customerResponded, c.actionId, 'primary'));
  } else if (c.status === 'executed' && c.type === 'internal_task') {
    elements.push(button('Done', ACTIONS.taskDone, c.actionId, 'primary'));
  } else if (c.status === 'review_pending') {
    elements.push(button('Edit', ACTIONS.edit, c.actionId));
    elements.push(button('Skip', ACTIONS.skip, c.actionId, 'danger'));
  }
  return elements;
}

/** Sending past blocking lint findings is a deliberate act: Slack asks for confirmation, the audit trail records it. */
function executeAnywayButton(actionId: string): Button {
  return {
    ...button('Execute anyway', ACTIONS.executeAnyway, actionId, 'danger'),
    confirm: {
      title: plain('Send despite the check?', LIMITS.viewTitle),
      text: {
        type: 'mrkdwn',
        text: 'The draft has findings marked :x: (unfilled placeholders or stand-in text). It will be sent exactly as it is, and the override is recorded in the audit trail.',
      },
      confirm: plain('Execute anyway', LIMITS.buttonText),
      deny: plain('Cancel', LIMITS.buttonText),
      style: 'danger',
    },
  };
}
