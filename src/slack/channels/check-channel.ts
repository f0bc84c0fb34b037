/**
 * Whether Thread can post in a channel a person just picked, asked of Slack (conversations.info) before the
 * choice is saved, so a CSM learns how to invite the bot now instead of when the first card silently fails.
 */
import type { WebClient } from '@slack/web-api';
import { AppError, type FieldError } from '../../lib/errors';

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
 * Refuses the chosen channels Thread cannot post in, all at once, each as a field error named by its field (the
 * service option it is for), so a modal shows the sentence on how to invite the bot under each channel select.
 * A channel left empty (null or undefined) is not asked about.
 */
export async function assertChannelsUsable(
  client: WebClient,
  chosen: readonly (readonly [field: string, channelId: string | null | undefined])[],
): Promise<void> {
  const fields: FieldError[] = [];
  for (const [field, channelId] of chosen) {
    if (!channelId) continue;
    const check = await checkChannel(client, channelId);
    if (!check.ok) fields.push({ field, message: check.problem });
  }
  if (fields.length) throw new AppError('validation_failed', fields.map((f) => f.message).join(' '), { fields });
}
