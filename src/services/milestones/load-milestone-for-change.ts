import { AppError } from '../../lib/errors';
import type { Tx } from '../context';
import { assertCanManageAccount, type ManagingActor } from '../permissions/assert-can-manage-account';

/** The milestone a change is about, with what the change needs to know, after the permission check. */
export async function loadMilestoneForChange(
  tx: Tx,
  options: { organizationId: string; milestoneId: string; actor: ManagingActor; doing: string },
) {
  const milestone = await tx.milestone.findFirst({
    where: { id: options.milestoneId, account: { organizationId: options.organizationId } },
    include: {
      account: {
        select: {
          id: true,
          name: true,
          csmId: true,
          organizationId: true,
          kickoffDate: true,
          organization: { select: { timezone: true, workingDays: true } },
        },
      },
    },
  });
  if (!milestone) throw new AppError('not_found', 'that milestone does not exist (any more)');
  assertCanManageAccount(options.actor, milestone.account, options.doing);
  return milestone;
}
