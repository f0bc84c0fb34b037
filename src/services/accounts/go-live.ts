import { Prisma } from '../../db/generated/client';
import { isAccountStatus, isRunningAccount } from '../../domain/account-state';
import { localDateOf } from '../../domain/business-days';
import { formatCalendarDate } from '../../domain/calendar-date';
import { timeToValueDays } from '../../domain/metrics';
import type { Actor, Tx } from '../context';
import { transitionAccount } from './transition-account';

export interface WentLive {
  /** The go-live day in the organisation's timezone (a calendar date at UTC midnight). */
  goLiveDate: Date;
  /** Business days from kickoff to go-live, both inclusive (domain/metrics.ts). */
  timeToValueDays: number;
}

/**
 * What completing a milestone does when it was the plan's last open one: the account is completed, with its
 * go-live day (today in the organisation's timezone) and completion time, audited with the time to value. A
 * churned account stays churned (its onboarding ended otherwise). Runs inside the milestone change's transaction.
 */
export async function goLiveIfPlanDone(
  tx: Tx,
  o: {
    account: {
      id: string;
      organizationId: string;
      name: string;
      kickoffDate: Date;
      organization: { timezone: string; workingDays: number[] };
    };
    milestoneName: string;
    actor: Actor;
    at: Date;
  },
): Promise<WentLive | null> {
  const unfinished = await tx.milestone.count({ where: { accountId: o.account.id, status: { not: 'completed' } } });
  if (unfinished > 0) return null;
  const current = await tx.account.findUniqueOrThrow({ where: { id: o.account.id }, select: { status: true } });
  if (!isAccountStatus(current.status) || !isRunningAccount(current.status)) return null;
  const goLiveDate = localDateOf(o.at, o.account.organization.timezone);
  const days =
    timeToValueDays(
      { kickoffDate: o.account.kickoffDate, goLiveActualDate: goLiveDate },
      o.account.organization.workingDays,
    ) ?? 0;
  await transitionAccount(tx, {
    account: { ...o.account, status: current.status },
    event: 'go_live',
    // A suggestion that it is at risk means nothing for a live account.
    data: {
      goLiveActualDate: goLiveDate,
      timeToValueDays: days,
      completedAt: o.at,
      riskSuggestion: Prisma.DbNull,
      riskSuggestedAt: null,
    },
    actor: o.actor,
    reason: `live: ${o.milestoneName}, the last milestone, was completed; time to value ${days} business day${days === 1 ? '' : 's'}`,
    auditData: { goLiveActualDate: formatCalendarDate(goLiveDate), timeToValueDays: days },
    at: o.at,
  });
  return { goLiveDate, timeToValueDays: days };
}
