import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';

export async function loadActionForExecution(ctx: ServiceContext, actionId: string) {
  const action = await ctx.prisma.action.findUnique({
    where: { id: actionId },
    include: {
      account: {
        include: {
          csm: true,
          contacts: { orderBy: [{ isPrimary: 'desc' }, { createdAt: 'asc' }] },
        },
      },
    },
  });
  if (!action) throw new AppError('not_found', `action ${actionId} does not exist`);
  return action;
}

export type ActionForExecution = Awaited<ReturnType<typeof loadActionForExecution>>;
