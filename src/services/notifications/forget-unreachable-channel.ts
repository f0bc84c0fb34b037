import { z } from 'zod';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';

const optionsSchema = z.object({ accountId: z.string().min(1), channelId: z.string().min(1) });

/**
 * A post to a channel succeeded: if Thread had told the admins it could not post there, that is forgotten, so the
 * next time it cannot they are told again. One statement, and nothing else written in the usual case.
 */
export async function forgetUnreachableChannel(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<void> {
  const o = parseOptions(optionsSchema, input);
  const forgotten = await ctx.prisma.$queryRaw<{ organizationId: string; error: string }[]>`
    DELETE FROM "UnreachableChannel" u USING "Account" a
    WHERE a.id = ${o.accountId} AND u."organizationId" = a."organizationId" AND u."channelId" = ${o.channelId}
    RETURNING u."organizationId", u.error`;
  const row = forgotten[0];
  if (!row) return;
  await recordAuditEvent(ctx.prisma, {
    organizationId: row.organizationId,
    accountId: o.accountId,
    entityType: 'slack_channel',
    entityId: o.channelId,
    actor: 'system',
    from: 'unreachable',
    to: 'reachable',
    reason: 'a post to the channel succeeded again',
    at: ctx.now(),
  });
}
