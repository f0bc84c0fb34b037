import { AppError } from '../../lib/errors';
import type { Tx } from '../context';
import { assertCanManageAccount, type ManagingActor } from '../permissions/assert-can-manage-account';

/** The action a review step is about, after the permission check. */
export async function loadActionForReview(
  tx: Tx,
  options: { organizationId: string; actionId: string; actor: ManagingActor; doing: string },
) {
  const action = await tx.action.findFirst({
    where: { id: options.actionId, account: { organizationId: options.organizationId } },
    include: { account: { select: { id: true, name: true, csmId: true, organizationId: true } } },
  });
  if (!action) throw new AppError('not_found', 'that action does not exist (any more)');
  assertCanManageAccount(options.actor, action.account, options.doing);
  return action;
}
