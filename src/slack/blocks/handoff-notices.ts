/**
 * The handoff's messages outside the form: the AE's DM asking for it (and the reminder), the CSM's note of how the
 * AE was asked, the notice that it is overdue, and the handoff card the CSM gets once it is in (the answers, the
 * plan started or not, and a marked place for the contradiction check's findings).
 */
import type { KnownBlock } from '@slack/types';
import { SLACK_USER_ID } from '../../domain/slack-ids';
import type { HandoffSummary } from '../../services/accounts/get-handoff-summary';
import type {
  HandoffOpenedNotice,
  HandoffOverdueNotice,
  HandoffRequestNotice,
  HandoffSubmittedNotice,
} from '../../services/notifications/notification-facts';
import { ACTIONS } from '../ids';
import { aeMention, handoffAnswerBlocks, handoffStateLine } from './handoff-summary';
import type { SlackMessage } from './slack-message';
import { button, context, header, mrkdwnSection, safe, slackTime } from './text';

function csmMention(n: { csmSlackUserId: string | null; csmName: string | null }): string {
  if (n.csmSlackUserId && SLACK_USER_ID.test(n.csmSlackUserId)) return `<@${n.csmSlackUserId}>`;
  return n.csmName ? safe(n.csmName, 100) : 'the onboarding team';
}

/** The AE's DM: what is asked, for whom, and the Fill in the handoff button. */
export function buildHandoffRequest(n: HandoffRequestNotice): SlackMessage {
  const name = safe(n.accountName, 200);
  const lead =
    n.kind === 'reminder'
      ? `:bell: *Reminder:* the handoff for *${name}* is still open, asked ${slackTime(n.requestedAt)}. ${csmMention(n)} is waiting for it to start the onboarding.`
      : `:handshake: *${name}* closed: ${csmMention(n)} runs its onboarding. Please fill in the handoff: what was sold and promised.`;
  return {
    text:
      n.kind === 'reminder'
        ? `Reminder: the handoff for ${n.accountName} is still open`
        : `Please fill in the handoff for ${n.accountName}`,
    blocks: [
      mrkdwnSection(lead),
      context(
        `${n.questions} question${n.questions === 1 ? '' : 's'}, ${n.required} required. The onboarding plan starts once it is in.`,
      ),
      { type: 'actions', elements: [button('Fill in the handoff', ACTIONS.handoffFill, n.accountId, 'primary')] },
    ],
  };
}

/** The CSM's note: the AE was asked in Slack, emailed a link, or could not be reached (and what to do then). */
export function buildHandoffOpened(n: HandoffOpenedNotice): SlackMessage {
  const name = safe(n.accountName, 200);
  const ae = aeMention(n);
  const line =
    n.reached === 'slack'
      ? `:handshake: Asked ${ae} for the handoff of *${name}* in Slack. The plan starts when it is in.`
      : n.reached === 'email'
        ? `:email: Emailed ${ae}${n.email ? ` (${safe(n.email, 254)})` : ''} a link to the handoff form for *${name}*. The plan starts when it is in.`
        : `:warning: Could not ask ${n.aeName || n.aeSlackUserId ? ae : 'anyone'} for the handoff of *${name}*: ${safe(n.problem ?? 'no way to reach them', 500)}.`;
  const blocks: KnownBlock[] = [mrkdwnSection(line)];
  if (n.reached === 'nobody')
    blocks.push(context('You can fill it in yourself, or start the plan without it from the account card.'));
  blocks.push({
    type: 'actions',
    elements: [
      button('Fill in the handoff', ACTIONS.handoffFill, n.accountId),
      button('Start plan anyway', ACTIONS.handoffStartAnyway, n.accountId),
    ],
  });
  return {
    text: `Handoff of ${n.accountName}: ${n.reached === 'nobody' ? 'the AE could not be asked' : 'the AE was asked'}`,
    blocks,
  };
}

/** To the CSM and each admin: still no handoff after twice the reminder time. */
export function buildHandoffOverdue(n: HandoffOverdueNotice): SlackMessage {
  return {
    text: `The handoff for ${n.accountName} is overdue`,
    blocks: [
      mrkdwnSection(
        `:rotating_light: *${safe(n.accountName, 200)}* is still waiting for its handoff from ${aeMention(n)}, asked ${slackTime(n.requestedAt)}: more than ${n.reminderHours * 2} business hours, and the AE was reminded.`,
      ),
      context('The plan has not started. Chase the AE, fill in the handoff yourself, or start the plan without it.'),
      {
        type: 'actions',
        elements: [
          button('Fill in the handoff', ACTIONS.handoffFill, n.accountId),
          button('Start plan anyway', ACTIONS.handoffStartAnyway, n.accountId),
        ],
      },
    ],
  };
}

/** Blocks the card keeps besides the findings and the answers: header, state, plan, footer, two spare. */
const CARD_FIXED_BLOCKS = 6;

/**
 * The handoff card for the CSM once the handoff is in. `findings` are the contradiction check's blocks
 * (slack/blocks/handoff-findings.ts, joined by the composition), shown under the plan line and before the answers.
 */
export function buildHandoffCard(
  n: HandoffSubmittedNotice,
  h: HandoffSummary,
  findings: KnownBlock[] = [],
): SlackMessage {
  const plan = n.planStarted
    ? `:rocket: The plan started${n.kickoffDate ? ` from ${n.kickoffDate}` : ''}: the first milestone is in progress.`
    : ':information_source: The plan had already started; nothing else changed.';
  const room = 50 - CARD_FIXED_BLOCKS - findings.length;
  return {
    text: `Handoff for ${n.accountName} is in, from ${n.submittedByName}`,
    blocks: [
      header(`Handoff in · ${n.accountName}`),
      context(handoffStateLine(h)),
      mrkdwnSection(plan),
      // The contradiction check's findings, each with Accept and Dismiss, come before the answers they are about.
      ...findings.slice(0, 40),
      ...handoffAnswerBlocks(h, Math.max(0, room)),
      context(`\`/thread handoff ${safe(n.accountName, 100)}\` shows it again; \`/thread account\` shows the account.`),
    ],
  };
}
