import type { KnownBlock } from '@slack/types';
import { SLACK_USER_ID } from '../../domain/slack-ids';
import type { HandoffSummary } from '../../services/accounts/get-handoff-summary';
import { ACTIONS } from '../ids';
import type { SlackMessage } from './slack-message';
import { button, context, formatDate, header, LIMITS, mrkdwnSection, safe, slackTime } from './text';

/** Room for the answers: header, state lines, the button and the footer take at most six of a message's 50 blocks. */
const MAX_ANSWERS = LIMITS.messageBlocks - 6;

/** The AE as a mention when Slack knows them, else their name. */
export function aeMention(h: { aeSlackUserId: string | null; aeName: string | null }): string {
  if (h.aeSlackUserId && SLACK_USER_ID.test(h.aeSlackUserId)) return `<@${h.aeSlackUserId}>`;
  return h.aeName ? safe(h.aeName, 100) : 'the account executive';
}

function submittedBy(h: HandoffSummary): string {
  if (h.submittedBySlackUserId && SLACK_USER_ID.test(h.submittedBySlackUserId)) return `<@${h.submittedBySlackUserId}>`;
  return h.submittedByName ? safe(h.submittedByName, 100) : 'the AE';
}

/** The answers, one section each (AE and CRM text, so escaped), with a line for those that did not fit. */
export function handoffAnswerBlocks(h: HandoffSummary, max: number): KnownBlock[] {
  const shown = h.answers.slice(0, max);
  const blocks: KnownBlock[] = shown.map((a) =>
    mrkdwnSection(`*${safe(a.question, 300)}*\n${safe(a.answer, LIMITS.sectionText - 320)}`),
  );
  if (h.answers.length > shown.length) blocks.push(context(`…and ${h.answers.length - shown.length} more answers.`));
  return blocks;
}

/** Where the handoff stands, in one line: waiting since, started without it, or handed over. */
export function handoffStateLine(h: HandoffSummary): string {
  if (h.state === 'submitted')
    return `Handed over by ${submittedBy(h)}${h.submittedAt ? ` on ${formatDate(h.submittedAt)}` : ''}`;
  if (h.state === 'requested')
    return `:hourglass_flowing_sand: Waiting for the handoff from ${aeMention(h)}${h.requestedAt ? `, asked ${slackTime(h.requestedAt)}` : ''}`;
  return `No handoff was recorded for *${safe(h.accountName, 200)}*. The AE fills the handoff form when the deal closes.`;
}

/**
 * `/thread handoff <account>` and the Handoff summary button: each question with its answer, or where the handoff
 * stands; with Fill in the handoff for someone who may still fill it in (`canFill`; the service checks again).
 */
export function buildHandoffSummary(
  h: HandoffSummary,
  o: { canFill?: boolean; findings?: KnownBlock[] } = {},
): SlackMessage {
  const fill =
    o.canFill && h.state !== 'submitted'
      ? [
          {
            type: 'actions' as const,
            elements: [button('Fill in the handoff', ACTIONS.handoffFill, h.accountId, 'primary')],
          },
        ]
      : [];
  const started = h.startedWithout
    ? [
        context(
          `:fast_forward: The plan was started without the handoff${h.startedWithout.byName ? ` by ${safe(h.startedWithout.byName, 100)}` : ''} on ${formatDate(h.startedWithout.at)}: ${safe(h.startedWithout.reason, 1000)}`,
        ),
      ]
    : [];
  if (h.state !== 'submitted' || !h.recorded) {
    const line = handoffStateLine(h);
    return {
      text:
        h.state === 'requested'
          ? `Waiting for the handoff of ${h.accountName}.`
          : `No handoff was recorded for ${h.accountName}.`,
      blocks: [mrkdwnSection(line), ...started, ...fill],
    };
  }
  const blocks: KnownBlock[] = [
    header(`Handoff · ${h.accountName}`),
    context(handoffStateLine(h)),
    ...started,
    // The contradiction check's findings, with Accept / Dismiss while open (at most 21 blocks).
    ...(o.findings ?? []),
    ...handoffAnswerBlocks(h, MAX_ANSWERS - (o.findings?.length ?? 0)),
  ];
  return { text: `Handoff for ${h.accountName}: ${h.answers.length} answers`, blocks };
}
