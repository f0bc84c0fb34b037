import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';

const optionsSchema = z.object({ accountId: z.string().min(1) });

/** A person whose App Home is refreshed when an account they see changes. */
export interface HomeViewer {
  organizationId: string;
  userId: string;
  slackUserId: string;
}

/** Whose App Home shows this account: its CSM and the organisation's admins (Slack users only). */
export async function listHomeAudience(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<HomeViewer[]> {
  const o = parseOptions(optionsSchema, input);
  const account = await ctx.prisma.account.findUnique({
    where: { id: o.accountId },
    select: { organizationId: true, csmId: true },
  });
  if (!account) return [];
  const users = await ctx.prisma.user.findMany({
    where: {
      organizationId: account.organizationId,
      slackUserId: { not: null },
      OR: [{ role: 'admin' }, ...(account.csmId ? [{ id: account.csmId }] : [])],
    },
    select: { id: true, slackUserId: true },
  });
  return users.map((u) => ({ organizationId: account.organizationId, userId: u.id, slackUserId: u.slackUserId! }));
}
