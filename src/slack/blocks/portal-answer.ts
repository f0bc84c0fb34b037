/**
 * The card a CSM channel gets when a customer answers in the portal: who answered what, the answers themselves (or
 * the document with its download link), and Acknowledge / Follow up, which stop the submission's review clock.
 */
import type { KnownBlock } from '@slack/types';
import type { PortalAnswerReceived } from '../../services/notifications/notification-facts';
import type { SlackMessage } from './slack-message';
import { submissionReviewButtons } from './submission-buttons';
import { LIMITS, mrkdwnSection, safe } from './text';

/** Questions shown one per section; longer forms are summed up so the card stays within a message's 50 blocks. */
const MAX_ANSWER_SECTIONS = 40;

export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * The link is Thread's own signed URL: `|`, `<` or `>` would still break Slack's link syntax, and Slack reads `&` in
 * mrkdwn (the signed URL's query has one) as the start of an entity, so it is written as one.
 */
function linkSafe(url: string): string {
  return url.replace(/[<>|\s`]/g, encodeURIComponent).replace(/&/g, '&amp;');
}

export function buildPortalAnswerCard(a: PortalAnswerReceived): SlackMessage {
  const who = `${a.contactName} (${a.accountName})`;
  if (a.answer.kind === 'document') {
    const { fileName, fileSize, downloadUrl } = a.answer;
    const headline = `${who} uploaded ${fileName} (${formatFileSize(fileSize)}) for "${a.actionName}".`;
    return {
      text: `${headline} Download (link valid 24 hours): ${downloadUrl}`,
      blocks: [
        mrkdwnSection(`:page_facing_up: ${safe(headline, 1000)}`),
        mrkdwnSection(`<${linkSafe(downloadUrl)}|Download ${safe(fileName, 100)}> (link valid for 24 hours)`),
        submissionReviewButtons(a.submissionId),
      ],
    };
  }
  const headline = `${who} submitted "${a.actionName}" in the portal.`;
  const answers = a.answer.answers;
  const shown = answers.slice(0, MAX_ANSWER_SECTIONS);
  const blocks: KnownBlock[] = [
    mrkdwnSection(`:inbox_tray: ${safe(headline, 1000)}`),
    ...shown.map((x) =>
      mrkdwnSection(`*${safe(x.label, 150)}*\n${safe(x.value, LIMITS.sectionText - 200) || '_(left blank)_'}`),
    ),
  ];
  if (answers.length > shown.length)
    blocks.push(mrkdwnSection(`_…and ${answers.length - shown.length} more answers, kept with the submission._`));
  blocks.push(submissionReviewButtons(a.submissionId));
  return { text: `${headline} Review it and acknowledge or follow up.`, blocks };
}
