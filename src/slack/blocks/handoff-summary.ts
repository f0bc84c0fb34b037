import type { KnownBlock } from '@slack/types';
import type { HandoffSummary } from '../../services/accounts/get-handoff-summary';
import type { SlackMessage } from './slack-message';
import { context, formatDate, header, LIMITS, mrkdwnSection, safe } from './text';

/** Room for the answers: header, intro and footer take three of a message's 50 blocks. */
const MAX_ANSWERS = LIMITS.messageBlocks - 3;

/** The Handoff summary button: each question with its answer (AE and CRM text, so escaped), or that none was recorded. */
export function buildHandoffSummary(h: HandoffSummary): SlackMessage {
  if (!h.recorded) {
    return {
      text: `No handoff was recorded for ${h.accountName}.`,
      blocks: [
        mrkdwnSection(
          `No handoff was recorded for *${safe(h.accountName, 200)}*. The AE fills the handoff form when the deal closes.`,
        ),
      ],
    };
  }
  const by = h.submittedBySlackUserId
    ? `<@${h.submittedBySlackUserId}>`
    : h.submittedByName
      ? safe(h.submittedByName, 100)
      : 'the AE';
  const shown = h.answers.slice(0, MAX_ANSWERS);
  const blocks: KnownBlock[] = [
    header(`Handoff · ${h.accountName}`),
    context(`Handed over by ${by}${h.submittedAt ? ` on ${formatDate(h.submittedAt)}` : ''}`),
    ...shown.map((a) => mrkdwnSection(`*${safe(a.question, 300)}*\n${safe(a.answer, LIMITS.sectionText - 320)}`)),
  ];
  if (h.answers.length > shown.length) blocks.push(context(`…and ${h.answers.length - shown.length} more answers.`));
  return { text: `Handoff for ${h.accountName}: ${h.answers.length} answers`, blocks };
}
