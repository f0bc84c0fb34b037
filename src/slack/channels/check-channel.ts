/**
 * Whether Thread can post in a channel a person just picked, asked of Slack (conversations.info) before the
 * choice is saved, so a CSM learns how to invite the bot now instead of when the first card silently fails.
 */
import type { WebClient } from '@slack/web-api';
import { AppError } from '../../lib/errors';

export type ChannelCheck =
  { ok: true; id: string; name: string; shared: boolean } | { ok: false; id: string; problem: string };

/** Slack's answer narrowed to what the check reads; the Web API's own types mark every field optional. */
interface ConversationInfo {
  name?: string;
  is_member?: boolean;
  is_archived?: boolean;
  is_shared?: boolean;
  is_ext_shared?: boolean;
}

export async function checkChannel(client: WebClient, channelId: string): Promise<ChannelCheck> {
  let channel: ConversationInfo | undefined;
  try {
    channel = (await client.conversations.info({ channel: channelId })).channel;
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    // Slack hides a private channel the bot is not in behind channel_not_found.
    if (code === 'channel_not_found') {
      return { ok: false, id: channelId, problem: notVisible(channelId) };
    }
    throw error;
  }
  if (!channel) return { ok: false, id: channelId, problem: notVisible(channelId) };
  const name = channel.name ?? channelId;
  if (channel.is_archived) {
    return { ok: false, id: channelId, problem: `#${name} is archived: pick a channel that is in use.` };
  }
  if (!channel.is_member) {
    return {
      ok: false,
      id: channelId,
      problem: `Thread is not in #${name} yet. Invite it there (type /invite @Thread in the channel), then choose it again.`,
    };
  }
  return { ok: true, id: channelId, name, shared: Boolean(channel.is_shared || channel.is_ext_shared) };
}

function notVisible(channelId: string): string {
  return `Thread cannot see <#${channelId}>: if it is a private channel, invite Thread there first (type /invite @Thread in the channel), then choose it again.`;
}

/**
 * Refuses a channel Thread cannot post in, as a field error named `field` (the service option it is for), so a
 * modal shows the sentence on how to invite the bot under the channel select.
 */
export async function assertChannelUsable(client: WebClient, channelId: string, field: string): Promise<void> {
  const check = await checkChannel(client, channelId);
  if (!check.ok)
    throw new AppError('validation_failed', check.problem, { fields: [{ field, message: check.problem }] });
}
