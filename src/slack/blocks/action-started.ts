import type { SlackMessage } from './slack-message';
import { mrkdwnSection, safe } from './text';

/** The answer to "Start now": what was started, and when its draft comes. */
export function buildActionStarted(started: {
  actionName: string;
  accountName: string;
  changed: boolean;
}): SlackMessage {
  const what = `*${safe(started.actionName, 200)}* for ${safe(started.accountName, 200)}`;
  const line = started.changed
    ? `:arrow_forward: ${what} starts now. Its draft comes to your review queue with the next scheduler tick.`
    : `${what} was already started. Its draft comes to your review queue with the next scheduler tick.`;
  const plain = `${safe(started.actionName, 200)} for ${safe(started.accountName, 200)}`;
  const text = started.changed ? `${plain} starts now` : `${plain} was already started`;
  return { text, blocks: [mrkdwnSection(line)] };
}
