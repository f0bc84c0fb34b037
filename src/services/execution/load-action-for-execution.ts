import type { Prisma } from '../../db/generated/client';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { PRIMARY_CONTACT_FIRST } from '../contacts/primary-contact-first';

const forExecution = {
  account: {
    include: {
      csm: true,
      contacts: { orderBy: PRIMARY_CONTACT_FIRST },
    },
  },
} satisfies Prisma.ActionInclude;

export type ActionForExecution = Prisma.ActionGetPayload<{ include: typeof forExecution }>;

/** The action with what sending it needs, within one organisation: another's action is not found. */
export async function loadActionForExecution(
  ctx: ServiceContext,
  organizationId: string,
  actionId: string,
): Promise<ActionForExecution> {
  const action = await ctx.prisma.action.findFirst({
    where: { id: actionId, account: { organizationId } },
    include: forExecution,
  });
  if (!action) throw new AppError('not_found', 'that action does not exist (any more)');
  return action;
}

/** Several at once (a batch), in the same few queries whatever their number; another organisation's are left out. */
export async function loadActionsForExecution(
  ctx: ServiceContext,
  organizationId: string,
  actionIds: readonly string[],
): Promise<Map<string, ActionForExecution>> {
  if (actionIds.length === 0) return new Map();
  const actions = await ctx.prisma.action.findMany({
    where: { id: { in: [...actionIds] }, account: { organizationId } },
    include: forExecution,
  });
  return new Map(actions.map((a) => [a.id, a]));
}
