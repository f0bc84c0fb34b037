import { PROJECTED_MILESTONE_COLUMNS } from './projected-milestone-columns';
import { businessCalendar } from '../../domain/business-days';
import { pushFollowingMilestones as pushFollowing } from '../../domain/plan-projection';
import type { Actor, Tx } from '../context';
import { writeMilestoneDates } from './write-milestone-dates';

/**
 * Called by the milestone services when a milestone starts or completes: the later milestones that have not started
 * move out as far as a late start or a late finish pushes them (never in), audited, with the planned go-live.
 * Returns how many moved. Inside the caller's transaction.
 */
export async function pushFollowingMilestones(
  tx: Tx,
  o: { accountId: string; milestoneId: string; actor: Actor; reason: string; at: Date },
): Promise<number> {
  // Two reads, not one nested read of both relations: Prisma would send their queries at once, and on a
  // transaction's one connection that is the concurrent use of a pg client that pg deprecates.
  const found = await tx.account.findUniqueOrThrow({
    where: { id: o.accountId },
    select: { organizationId: true, goLiveDate: true, organization: { select: { timezone: true, workingDays: true } } },
  });
  const account = {
    ...found,
    milestones: await tx.milestone.findMany({
      where: { accountId: o.accountId },
      orderBy: { position: 'asc' },
      select: PROJECTED_MILESTONE_COLUMNS,
    }),
  };
  const index = account.milestones.findIndex((m) => m.id === o.milestoneId);
  if (index < 0) return 0;
  const calendar = businessCalendar(account.organization.timezone, account.organization.workingDays);
  const changes = pushFollowing(account.milestones, index, calendar);
  if (changes.length === 0) return 0;
  await writeMilestoneDates(tx, {
    organizationId: account.organizationId,
    accountId: o.accountId,
    milestones: account.milestones,
    changes,
    goLiveDate: account.goLiveDate,
    actor: o.actor,
    reason: o.reason,
    at: o.at,
  });
  return changes.length;
}
