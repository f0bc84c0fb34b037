import type { z } from 'zod';
import { AppError } from '../../lib/errors';
import type { Tx } from '../context';
import { authorizeAccountChange, type accountActorSchema } from '../permissions/authorize-account-change';

/** The milestone a change is about, with what the change needs to know and who acts, after the permission check. */
export async function loadMilestoneForChange(
  tx: Tx,
  options: { organizationId: string; milestoneId: string; actor: z.output<typeof accountActorSchema>; doing: string },
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
  const person = await authorizeAccountChange(tx, { ...options, account: milestone.account });
  return { ...milestone, person };
}
