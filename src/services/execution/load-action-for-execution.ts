import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { PRIMARY_CONTACT_FIRST } from '../contacts/primary-contact-first';

export async function loadActionForExecution(ctx: ServiceContext, actionId: string) {
  const action = await ctx.prisma.action.findUnique({
    where: { id: actionId },
    include: {
      account: {
        include: {
          csm: true,
          contacts: { orderBy: PRIMARY_CONTACT_FIRST },
        },
      },
    },
  });
  if (!action) throw new AppError('not_found', `action ${actionId} does not exist`);
  return action;
}

export type ActionForExecution = Awaited<ReturnType<typeof loadActionForExecution>>;
