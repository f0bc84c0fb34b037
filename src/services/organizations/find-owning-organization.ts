import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';

const optionsSchema = z.union([
  z.object({ accountId: z.string().min(1) }),
  z.object({ userId: z.string().min(1) }),
  z.object({ actionId: z.string().min(1) }),
]);

/**
 * The organisation an account, a person or an action belongs to: with several Slack workspaces installed, whatever
 * Thread sends about it goes out with that organisation's own bot token. Null when it does not exist.
 */
export async function findOwningOrganization(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<string | null> {
  const o = parseOptions(optionsSchema, input);
  if ('accountId' in o)
    return (
      (await ctx.prisma.account.findUnique({ where: { id: o.accountId }, select: { organizationId: true } }))
        ?.organizationId ?? null
    );
  if ('userId' in o)
    return (
      (await ctx.prisma.user.findUnique({ where: { id: o.userId }, select: { organizationId: true } }))
        ?.organizationId ?? null
    );
  const action = await ctx.prisma.action.findUnique({
    where: { id: o.actionId },
    select: { account: { select: { organizationId: true } } },
  });
  return action?.account.organizationId ?? null;
}
