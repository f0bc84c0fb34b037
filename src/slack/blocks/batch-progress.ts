/**
 * The one message that follows a batch execution from `/thread review`: "12 of 40 sent", updated in place after
 * each action, then every failure with its own Retry button. A retried failure's line is replaced in place.
 */
import type { KnownBlock, SectionBlock } from '@slack/types';
import { ACTIONS } from '../ids';
import { blocksFromSlack, type SlackMessage, type UpdatedSlackMessage } from './slack-message';
import { button, context, LIMITS, mrkdwnSection, safe } from './text';

export interface BatchView {
  total: number;
  done: number;
  sent: number;
  /** Already sent or being sent by someone else. */
  skipped: number;
  failures: { actionId: string; label: string; error: string }[];
  finished: boolean;
}

export function batchFailureBlockId(actionId: string): string {
  return `batch_failure:${actionId}`;
}

/** Blocks kept for the heading, the counts and the "more failed" line. */
const RESERVED = 3;

export function buildBatchProgress(b: BatchView): SlackMessage {
  const failed = b.failures.length;
  const headline = b.finished
    ? `${failed === 0 ? ':white_check_mark:' : ':warning:'} *Batch finished* — ${b.sent} of ${b.total} sent${failed ? `, ${failed} failed` : ''}`
    : `:outbox_tray: *Executing ${b.total} drafts* — ${b.sent} of ${b.total} sent`;
  const counts = [`${b.done} of ${b.total} handled`];
  if (b.skipped) counts.push(`${b.skipped} already sent or being sent by someone else`);
  if (failed) counts.push(`${failed} failed (each is back in review with its error)`);
  if (!b.finished) counts.push('sends are paced to what Slack and the mail server allow');
  const blocks: KnownBlock[] = [mrkdwnSection(headline), context(counts.join(' · '))];
  const room = LIMITS.messageBlocks - RESERVED;
  for (const f of b.failures.slice(0, room)) {
    blocks.push(failureLine(f.actionId, f.label, f.error));
  }
  if (failed > room) blocks.push(context(`…and ${failed - room} more failed; find them in \`/thread review\`.`));
  return { text: `${b.sent} of ${b.total} sent${failed ? `, ${failed} failed` : ''}`, blocks };
}

function failureLine(actionId: string, label: string, error: string): SectionBlock {
  return {
    ...mrkdwnSection(`:x: *${safe(label, 300)}* — ${safe(error, 1500)}`, batchFailureBlockId(actionId)),
    accessory: button('Retry', ACTIONS.batchRetry, actionId),
  };
}

/** The batch message with one failure's line replaced by what its retry did (the Retry button goes when it sent). */
export function withRetryOutcome(
  original: unknown,
  actionId: string,
  outcome: { sent: true; label: string } | { sent: false; label: string; error: string },
): UpdatedSlackMessage {
  const line = outcome.sent
    ? mrkdwnSection(`:white_check_mark: *${safe(outcome.label, 300)}* — sent on retry`, batchFailureBlockId(actionId))
    : failureLine(actionId, outcome.label, outcome.error);
  const replaced = blocksFromSlack(original).map((b) => (b.block_id === batchFailureBlockId(actionId) ? line : b));
  return {
    text: outcome.sent ? `${outcome.label}: sent on retry` : `${outcome.label}: retry failed`,
    blocks: replaced,
  };
}
