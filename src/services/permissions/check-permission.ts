import { z } from 'zod';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { accountActorSchema, authorizeAccountChange, authorizeActionsChange } from './authorize-account-change';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  actor: accountActorSchema,
  target: z.union([
    z.object({ actionId: z.string().min(1) }),
    z.object({ milestoneId: z.string().min(1) }),
    z.object({ accountId: z.string().min(1) }),
    z.object({ actionIds: z.array(z.string().min(1)).min(1) }),
  ]),
  doing: z.string().min(1),
});

/**
 * Checks, before a modal opens or a slow step starts, that the person may change the account the action or
 * milestone belongs to; throws `forbidden` with the reason otherwise. The change itself checks again.
 */
export async function checkPermission(ctx: ServiceContext, input: z.input<typeof optionsSchema>): Promise<void> {
  const o = parseOptions(optionsSchema, input);
  const t = o.target;
  if ('actionIds' in t) return checkActions(ctx, o, t.actionIds);
  const where =
    'actionId' in t
      ? { actions: { some: { id: t.actionId } } }
      : 'milestoneId' in t
        ? { milestones: { some: { id: t.milestoneId } } }
        : { id: t.accountId };
  const account = await ctx.prisma.account.findFirst({
    where: { organizationId: o.organizationId, ...where },
    select: { name: true, csmId: true },
  });
  if (!account) throw new AppError('not_found', 'that no longer exists');
  await authorizeAccountChange(ctx.prisma, {
    organizationId: o.organizationId,
    actor: o.actor,
    account,
    doing: o.doing,
  });
}

/** Several actions at once (a batch): one read for their accounts and one authorization, whatever their number. */
async function checkActions(
  ctx: ServiceContext,
  o: z.output<typeof optionsSchema>,
  actionIds: readonly string[],
): Promise<void> {
  const ids = [...new Set(actionIds)];
  const actions = await ctx.prisma.action.findMany({
    where: { id: { in: ids }, account: { organizationId: o.organizationId } },
    select: { accountId: true, account: { select: { name: true, csmId: true } } },
  });
  const gone = ids.length - actions.length;
  if (gone > 0)
    throw new AppError('not_found', gone === 1 ? 'one of those no longer exists' : `${gone} of those no longer exist`);
  await authorizeActionsChange(ctx.prisma, {
    organizationId: o.organizationId,
    actor: o.actor,
    actions,
    doing: o.doing,
  });
}
