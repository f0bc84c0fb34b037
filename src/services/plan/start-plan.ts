/**
 * Starts the plan of an account that waited for its handoff (pending_handoff → active), inside the caller's
 * transaction. The plan was instantiated with its planned dates when the account was created; starting it does
 * what createAccount does for an account that starts at once, from the kickoff day given:
 *
 *   - a kickoff other than the planned one moves the plan with it (domain/plan-projection shiftMilestone, the same
 *     rule as changing the kickoff), audited;
 *   - the first milestone is in progress from the kickoff day at 09:00 local (plan.ts), and the actions that count
 *     from its start get their due times (propagateTriggers, as when any milestone starts);
 *   - the actions that count from the kickoff get theirs (dueFrom, the trigger rule every due time comes from);
 *   - the account's status, progress and next action time follow.
 */
import { businessCalendar, BUSINESS_DAY_START_HOUR, localDateAt } from '../../domain/business-days';
import { formatCalendarDate, toCalendarDate } from '../../domain/calendar-date';
import { shiftMilestone } from '../../domain/plan-projection';
import { triggerAnchor } from '../../domain/triggers';
import { AppError } from '../../lib/errors';
import { refreshAccountSchedule } from '../accounts/refresh-account-schedule';
import { transitionAccount } from '../accounts/transition-account';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Actor, Tx } from '../context';
import { transitionMilestone } from '../milestones/transition-milestone';
import { dueFrom, loadPlan } from './load-plan';
import { propagateTriggers } from './propagate-triggers';
import { writeMilestoneDates } from './write-milestone-dates';

export interface StartedPlan {
  /** The day the plan started from, YYYY-MM-DD. */
  kickoffDate: string;
  /** Actions that got a due time now. */
  scheduled: number;
}

export async function startPlan(
  tx: Tx,
  o: {
    accountId: string;
    /** YYYY-MM-DD: the kickoff the plan starts from. */
    kickoffDate: string;
    actor: Actor;
    /** Why it starts now, for the audit trail ("the handoff was submitted"). */
    reason: string;
    at: Date;
  },
): Promise<StartedPlan> {
  const account = await tx.account.findUniqueOrThrow({
    where: { id: o.accountId },
    select: {
      id: true,
      name: true,
      organizationId: true,
      status: true,
      kickoffDate: true,
      goLiveDate: true,
      organization: { select: { timezone: true, workingDays: true } },
    },
  });
  const calendar = businessCalendar(account.organization.timezone, account.organization.workingDays);
  const kickoff = toCalendarDate(o.kickoffDate);
  const plan = await loadPlan(tx, account.id);
  const first = plan.milestones[0];
  if (!first)
    throw new AppError('illegal_transition', `${account.name} has no milestones, so there is no plan to start.`);
  if (first.status !== 'pending') {
    throw new AppError('conflict', `${account.name}'s plan has already started; look again.`);
  }

  if (kickoff.getTime() !== account.kickoffDate.getTime()) {
    const shifted = shiftMilestone(plan.milestones, 0, kickoff, calendar);
    if (!shifted.ok) throw new AppError('validation_failed', shifted.message);
    await tx.account.update({ where: { id: account.id }, data: { kickoffDate: kickoff } });
    await recordAuditEvent(tx, {
      organizationId: account.organizationId,
      accountId: account.id,
      entityType: 'account',
      entityId: account.id,
      actor: o.actor,
      from: formatCalendarDate(account.kickoffDate),
      to: o.kickoffDate,
      reason: `kickoff date set as the plan starts: ${o.reason}`,
      data: { setting: 'kickoffDate' },
      at: o.at,
    });
    await writeMilestoneDates(tx, {
      organizationId: account.organizationId,
      accountId: account.id,
      milestones: plan.milestones,
      changes: shifted.value,
      goLiveDate: account.goLiveDate,
      actor: o.actor,
      reason: `the plan starts on ${o.kickoffDate}`,
      at: o.at,
    });
  }

  // As plan.ts starts a plan: in progress from the kickoff day at 09:00 local, whatever the hour now.
  const startedAt = localDateAt(kickoff, BUSINESS_DAY_START_HOUR, calendar.timeZone);
  let scheduled = 0;
  await transitionMilestone(tx, {
    milestone: { id: first.id, status: first.status, accountId: account.id, organizationId: account.organizationId },
    event: 'start',
    data: { startedAt },
    conflict: `${first.name} changed while the plan was starting; look again.`,
    alsoWrite: async () => {
      const released = await propagateTriggers(tx, {
        kind: 'milestone_started',
        accountId: account.id,
        milestoneId: first.id,
        at: startedAt,
      });
      scheduled += released.length;
      return { auditData: { scheduledActions: released.map((a) => a.id) } };
    },
    actor: o.actor,
    reason: o.reason,
    at: o.at,
  });

  const fromKickoff: string[] = [];
  for (const action of plan.actions) {
    // Every kickoff-anchored action is (re)computed from the kickoff the plan starts from, whatever it held before.
    if (action.status !== 'pending') continue;
    if (triggerAnchor(action.triggerKind, action.afterActionKey) !== 'kickoff') continue;
    const dueAt = dueFrom(action, startedAt, calendar, kickoff);
    if (!dueAt) continue;
    await tx.action.update({ where: { id: action.id }, data: { dueAt } });
    fromKickoff.push(action.id);
  }
  scheduled += fromKickoff.length;

  await transitionAccount(tx, {
    account: { id: account.id, organizationId: account.organizationId, name: account.name, status: account.status },
    event: 'start_plan',
    actor: o.actor,
    reason: o.reason,
    auditData: { kickoffDate: o.kickoffDate, scheduledFromKickoff: fromKickoff },
    at: o.at,
  });
  await refreshAccountSchedule(tx, account.id);
  return { kickoffDate: o.kickoffDate, scheduled };
}
