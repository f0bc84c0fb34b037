import { z } from 'zod';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';

export const UNREACHABLE_CHANNEL_ERRORS = ['not_in_channel', 'channel_not_found'] as const;
export type UnreachableChannelError = (typeof UNREACHABLE_CHANNEL_ERRORS)[number];

const optionsSchema = z.object({
  /** The account whose message could not be posted: it says which organisation and gives the notice a name. */
  accountId: z.string().min(1),
  channelId: z.string().min(1),
  error: z.enum(UNREACHABLE_CHANNEL_ERRORS),
});

/** Who to tell that Thread cannot post in a channel, and about which account; null when they were told already. */
export interface UnreachableChannelNotice {
  channelId: string;
  error: UnreachableChannelError;
  accountName: string;
  /** The organisation's admins who have a Slack id. */
  adminSlackUserIds: string[];
}

/**
 * Slack refused a post because Thread is not in the channel (or cannot see it). The first time for a channel, the
 * admins are to be told how to invite Thread; after that nobody is, however often the post is retried, until a
 * post there succeeds again (forgetUnreachableChannel). One insert decides, so two processes tell them once.
 */
export async function reportUnreachableChannel(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<UnreachableChannelNotice | null> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  return ctx.prisma.$transaction(async (tx) => {
    const account = await tx.account.findUnique({
      where: { id: o.accountId },
      select: { organizationId: true, name: true },
    });
    if (!account) return null;
    const claimed = await tx.unreachableChannel.createMany({
      data: [{ organizationId: account.organizationId, channelId: o.channelId, error: o.error, toldAt: now }],
      skipDuplicates: true,
    });
    if (claimed.count === 0) return null;
    await recordAuditEvent(tx, {
      organizationId: account.organizationId,
      accountId: o.accountId,
      entityType: 'slack_channel',
      entityId: o.channelId,
      actor: 'system',
      to: 'unreachable',
      reason: `Slack refused a post (${o.error}): the admins are told how to invite Thread`,
      at: now,
    });
    const admins = await tx.user.findMany({
      where: {
        organizationId: account.organizationId,
        role: 'admin',
        addedAt: { not: null },
        slackUserId: { not: null },
      },
      orderBy: { name: 'asc' },
      select: { slackUserId: true },
    });
    return {
      channelId: o.channelId,
      error: o.error,
      accountName: account.name,
      adminSlackUserIds: admins.map((a) => a.slackUserId!),
    };
  });
}
