import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { PRIMARY_CONTACT_FIRST } from '../contacts/primary-contact-first';

/** The action with what sending it needs, within one organisation: another's action is not found. */
export async function loadActionForExecution(ctx: ServiceContext, organizationId: string, actionId: string) {
  const action = await ctx.prisma.action.findFirst({
    where: { id: actionId, account: { organizationId } },
    include: {
      account: {
        include: {
          csm: true,
          contacts: { orderBy: PRIMARY_CONTACT_FIRST },
        },
      },
    },
  });
  if (!action) throw new AppError('not_found', 'that action does not exist (any more)');
  return action;
}

export type ActionForExecution = Awaited<ReturnType<typeof loadActionForExecution>>;
