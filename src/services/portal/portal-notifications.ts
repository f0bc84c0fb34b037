/**
 * What the CSM is told when a customer answers in the portal. Services cannot import the Slack layer, so the
 * card is described here as plain Block Kit JSON; the Slack side handles the two buttons by their action ids
 * (the button value is the submission id) and starts or stops the review clock from there.
 */
import type { NotificationMessage } from '../notifications/notifier-port';

export const PORTAL_SUBMISSION_ACK_ACTION_ID = 'portal_submission_acknowledge';
export const PORTAL_SUBMISSION_FOLLOW_UP_ACTION_ID = 'portal_submission_follow_up';

/** Slack treats &, < and > as markup; customer text must arrive as text. */
function slackText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function clip(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function reviewButtons(submissionId: string): unknown {
  return {
    type: 'actions',
    block_id: `portal_submission:${submissionId}`,
    elements: [
      {
        type: 'button',
        action_id: PORTAL_SUBMISSION_ACK_ACTION_ID,
        text: { type: 'plain_text', text: 'Acknowledge' },
        style: 'primary',
        value: submissionId,
      },
      {
        type: 'button',
        action_id: PORTAL_SUBMISSION_FOLLOW_UP_ACTION_ID,
        text: { type: 'plain_text', text: 'Follow up' },
        value: submissionId,
      },
    ],
  };
}

export function formSubmittedMessage(options: {
  submissionId: string;
  accountName: string;
  contactName: string;
  actionName: string;
  answers: { label: string; value: string }[];
}): NotificationMessage {
  const headline = `${options.contactName} (${options.accountName}) submitted "${options.actionName}" in the portal.`;
  const lines = options.answers.map(
    (a) => `*${slackText(clip(a.label, 150))}*\n${slackText(clip(a.value, 500)) || '_(left blank)_'}`,
  );
  return {
    text: `${headline} Review it and acknowledge or follow up.`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `:inbox_tray: ${slackText(headline)}` } },
      ...(lines.length > 0
        ? [{ type: 'section', text: { type: 'mrkdwn', text: clip(lines.join('\n\n'), 2900) } }]
        : []),
      reviewButtons(options.submissionId),
    ],
  };
}

export function documentUploadedMessage(options: {
  submissionId: string;
  accountName: string;
  contactName: string;
  actionName: string;
  fileName: string;
  fileSize: number;
  downloadUrl: string;
}): NotificationMessage {
  const headline = `${options.contactName} (${options.accountName}) uploaded ${options.fileName} (${formatFileSize(options.fileSize)}) for "${options.actionName}".`;
  return {
    text: `${headline} Download (link valid 24 hours): ${options.downloadUrl}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `:page_facing_up: ${slackText(headline)}` } },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `<${options.downloadUrl}|Download ${slackText(clip(options.fileName, 100))}> (link valid for 24 hours)`,
        },
      },
      reviewButtons(options.submissionId),
    ],
  };
}
