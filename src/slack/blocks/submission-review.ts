/**
 * Portal submission cards on the Slack side: the review-clock reminder and escalation (with the same Acknowledge /
 * Follow up buttons as the answer's own card, portal-answer.ts), the card once reviewed, and the Follow up modal.
 */
import type { SubmissionReviewNotice } from '../../services/notifications/notification-facts';
import type { SubmissionReview } from '../../services/portal/load-submission-for-review';
import type { ModalView } from '@slack/types';
import { FIELDS, VIEWS } from '../ids';
import { textInputBlock } from './input-block';
import { modalMetadata, modalShell } from './modal-shell';
import { blocksFromSlack, type SlackMessage, type UpdatedSlackMessage } from './slack-message';
import { submissionButtonsBlockId, submissionReviewButtons } from './submission-buttons';
import { context, LIMITS, mrkdwnSection, safe, slackTime } from './text';

function describe(n: SubmissionReviewNotice): string {
  return `${n.contactName ? safe(n.contactName, 200) : 'The customer'} submitted *${safe(n.actionName, 200)}* for *${safe(n.accountName, 200)}* ${slackTime(n.submittedAt)}`;
}

export function buildSubmissionReviewReminder(n: SubmissionReviewNotice): SlackMessage {
  return {
    text: `Reminder: "${n.actionName}" for ${n.accountName} is waiting for review; about ${n.hoursLeft} h left of the ${n.slaHours} h review SLA.`,
    blocks: [
      mrkdwnSection(`:hourglass_flowing_sand: *Waiting for review* — ${describe(n)} (${n.hoursAgo} h ago).`),
      context(
        `About ${n.hoursLeft} h left of the ${n.slaHours} h review SLA. Acknowledge or follow up to stop the clock.`,
      ),
      submissionReviewButtons(n.submissionId),
    ],
  };
}

export function buildSubmissionReviewEscalation(n: SubmissionReviewNotice): SlackMessage {
  return {
    text: `Escalation: "${n.actionName}" for ${n.accountName} has not been reviewed within the ${n.slaHours} h review SLA.`,
    blocks: [
      mrkdwnSection(
        `:rotating_light: *Review overdue* — ${describe(n)} (${n.hoursAgo} h ago) and it has not been reviewed within the ${n.slaHours} h review SLA.`,
      ),
      context('You get this as the CSM of the account or as an admin.'),
      submissionReviewButtons(n.submissionId),
    ],
  };
}

/** One line saying who reviewed the submission, how, and (for a follow-up) what became of the note. */
export function reviewedLine(
  r: SubmissionReview,
  followUp?: { emailedTo: string | null; notEmailedBecause: string | null },
): string {
  const who = r.reviewedBySlackUserId ? `<@${r.reviewedBySlackUserId}>` : 'a reviewer';
  let line =
    r.outcome === 'follow_up'
      ? `:leftwards_arrow_with_hook: Followed up by ${who} ${slackTime(r.reviewedAt)}`
      : `:white_check_mark: Acknowledged by ${who} ${slackTime(r.reviewedAt)}`;
  if (followUp?.emailedTo) line += ` — note emailed to ${safe(followUp.emailedTo, 200)}`;
  else if (followUp?.notEmailedBecause && !r.alreadyReviewed)
    line += ` — note recorded, not emailed: ${safe(followUp.notEmailedBecause, 300)}`;
  return line;
}

/**
 * The card as it was, with this submission's buttons replaced in place by the review line; any message that carries
 * them (the answer's own card, a reminder, an escalation, the digest listing several) is updated the same way, and
 * other submissions' buttons in it stay. Without the original blocks (Slack does not always send them) a short card
 * is rebuilt from the record.
 */
export function markSubmissionReviewed(
  original: unknown,
  r: SubmissionReview,
  followUp?: { emailedTo: string | null; notEmailedBecause: string | null },
): UpdatedSlackMessage {
  const line = context(reviewedLine(r, followUp));
  const kept = blocksFromSlack(original);
  const at = kept.findIndex((b) => b.block_id === submissionButtonsBlockId(r.submissionId));
  let blocks: UpdatedSlackMessage['blocks'];
  if (at >= 0) blocks = kept.map((b, i) => (i === at ? line : b));
  else if (kept.length) blocks = [...kept, line];
  else
    blocks = [
      mrkdwnSection(
        `:inbox_tray: ${r.contactName ? safe(r.contactName, 200) : 'The customer'} answered *${safe(r.actionName, 200)}* for *${safe(r.accountName, 200)}* in the portal.`,
      ),
      line,
    ];
  return {
    text: `${r.actionName} for ${r.accountName}: ${r.outcome === 'follow_up' ? 'followed up' : 'acknowledged'}`,
    blocks: blocks.slice(-LIMITS.messageBlocks),
  };
}

/** Where the card that opened the modal is, so it can be updated when the note is sent. */
export interface FollowUpMetadata {
  submissionId: string;
  channel?: string;
  ts?: string;
}

export function buildFollowUpModal(
  r: { accountName: string; actionName: string; contactName: string | null },
  meta: FollowUpMetadata,
  emailEnabled: boolean,
): ModalView {
  const to = r.contactName ? safe(r.contactName, 200) : 'the customer';
  return modalShell({
    callbackId: VIEWS.submissionFollowUp,
    title: 'Follow up',
    submit: emailEnabled ? 'Send note' : 'Record note',
    // The card's place is a convenience (it is updated after the note); the submission is not.
    privateMetadata: modalMetadata(meta, { submissionId: meta.submissionId }),
    blocks: [
      context(`${safe(r.accountName, 200)} · *${safe(r.actionName, 200)}*`),
      textInputBlock(FIELDS.note, `Note to ${r.contactName ?? 'the customer'}`, { multiline: true, max: 3000 }),
      context(
        emailEnabled
          ? `Thread emails the note to ${to} from your name, with replies to you, and marks the submission reviewed.`
          : ':warning: Email is off (SMTP_URL is not set): the note is recorded on the account but not sent. The submission is marked reviewed.',
      ),
    ],
  });
}
