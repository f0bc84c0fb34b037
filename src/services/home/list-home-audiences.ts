import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import type { HomeViewer } from './list-home-audience';

const optionsSchema = z.object({ accountIds: z.array(z.string().min(1)) });

/**
 * Whose App Home shows any of these accounts (each account's CSM and its organisation's admins, Slack users only),
 * each person once: after a batch of changes every such Home is refreshed once, not once per account.
 */
export async function listHomeAudiences(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<HomeViewer[]> {
  const o = parseOptions(optionsSchema, input);
  if (o.accountIds.length === 0) return [];
  const accounts = await ctx.prisma.account.findMany({
    where: { id: { in: o.accountIds } },
    select: { organizationId: true, csmId: true },
  });
  if (accounts.length === 0) return [];
  const csmIds = [...new Set(accounts.flatMap((a) => (a.csmId ? [a.csmId] : [])))];
  const users = await ctx.prisma.user.findMany({
    where: {
      slackUserId: { not: null },
      OR: [
        { role: 'admin', organizationId: { in: [...new Set(accounts.map((a) => a.organizationId))] } },
        ...(csmIds.length ? [{ id: { in: csmIds } }] : []),
      ],
    },
    select: { id: true, organizationId: true, slackUserId: true },
    orderBy: { id: 'asc' },
  });
  return users.map((u) => ({ organizationId: u.organizationId, userId: u.id, slackUserId: u.slackUserId! }));
}
