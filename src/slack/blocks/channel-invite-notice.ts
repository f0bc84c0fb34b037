import { SLACK_CHANNEL_ID } from '../../domain/slack-ids';
import type { UnreachableChannelNotice } from '../../services/notifications/report-unreachable-channel';
import type { SlackMessage } from './slack-message';
import { context, mrkdwnSection, safe } from './text';

/**
 * The DM an admin gets the first time Slack refuses Thread a channel: which channel, for which account, and the one
 * command that fixes it. A channel id is shown as Slack's own mention (`<#C…>`, rendered as its name); anything else
 * (a mistyped SLACK_CSM_CHANNEL) is shown escaped, as it is.
 */
export function buildChannelInviteNotice(
  n: Pick<UnreachableChannelNotice, 'channelId' | 'error' | 'accountName'>,
): SlackMessage {
  const channel = SLACK_CHANNEL_ID.test(n.channelId) ? `<#${n.channelId}>` : `\`${safe(n.channelId, 100)}\``;
  const why =
    n.error === 'not_in_channel'
      ? `Thread is not a member of ${channel}`
      : `Thread cannot see ${channel} (a private channel it was not invited to, or one that no longer exists)`;
  return {
    text: `Thread cannot post in a CSM channel: ${why}. Type /invite @Thread in that channel.`,
    blocks: [
      mrkdwnSection(
        `:warning: *Thread cannot post for ${safe(n.accountName, 200)}*: ${why}, so review cards and reminders for it are not reaching anyone.`,
      ),
      mrkdwnSection(
        `To fix it, type \`/invite @Thread\` in ${channel}. Or choose another CSM channel on the account's card (*Channels*).`,
      ),
      context(
        'Thread keeps trying on every tick and posts what was waiting once it can. You will not be told again about this channel unless it happens again after a post there succeeds.',
      ),
    ],
  };
}
