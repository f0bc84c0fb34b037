import { z } from 'zod';
import { BUSINESS_DAY_START_HOUR, localDateAt } from '../../domain/business-days';
import { formatCalendarDate } from '../../domain/calendar-date';
import { shiftMilestone } from '../../domain/plan-projection';
import { triggerAnchor } from '../../domain/triggers';
import { AppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { calendarDayOf, fieldError } from '../errors/field-errors';
import { parseOptions } from '../errors/parse-options';
import { dueFrom, loadPlan } from './load-plan';
import { refreshNextActionAt } from './refresh-next-action-at';
import { planChangeShape, runPlanChange } from './run-plan-change';
import { writeMilestoneDates } from './write-milestone-dates';

const optionsSchema = z.object({
  ...planChangeShape,
  accountId: z.string().min(1),
  /** The new kickoff day, YYYY-MM-DD. */
  kickoffDate: z.string(),
});

export interface ChangedKickoff {
  accountId: string;
  kickoffDate: string;
  changed: boolean;
  /** Milestones whose planned dates moved. */
  milestonesMoved: number;
  /** Pending actions whose due time moved with it. */
  actionsRescheduled: number;
}

/**
 * Moves one account's kickoff (its CSM or an admin) while its first milestone is not completed. The plan moves with
 * it: the first milestone starts on the new day (and, when it started at the old kickoff as plans do, is in progress
 * from the new one), later milestones not started move by as many business days, and pending actions counted from
 * the kickoff or from the first milestone's start get their new due times. Everything is audited.
 */
export async function changeKickoffDate(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<ChangedKickoff> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  return runPlanChange(ctx, { ...o, target: { accountId: o.accountId } }, async (tx, { account, person }) => {
    const kickoff = calendarDayOf('kickoffDate', o.kickoffDate);
    const unchanged = {
      accountId: account.id,
      kickoffDate: o.kickoffDate,
      changed: false,
      milestonesMoved: 0,
      actionsRescheduled: 0,
    };
    if (kickoff.getTime() === account.kickoffDate.getTime()) return unchanged;
    const plan = await loadPlan(tx, account.id);
    const first = plan.milestones[0];
    if (first?.status === 'completed') {
      throw new AppError(
        'illegal_transition',
        `${first.name} is completed, so the kickoff is history; shift the later milestones instead.`,
      );
    }
    const { timeZone } = account.calendar;
    const oldStartAt = localDateAt(account.kickoffDate, BUSINESS_DAY_START_HOUR, timeZone);
    const newStartAt = localDateAt(kickoff, BUSINESS_DAY_START_HOUR, timeZone);
    // A first milestone in progress since the old kickoff (as every plan starts) is in progress since the new one.
    const startMoves = first?.startedAt?.getTime() === oldStartAt.getTime();
    const milestones = plan.milestones.map((m, i) => (i === 0 && startMoves ? { ...m, startedAt: newStartAt } : m));
    const shifted = first ? shiftMilestone(milestones, 0, kickoff, account.calendar) : { ok: true as const, value: [] };
    if (!shifted.ok) throw fieldError('kickoffDate', shifted.message);

    await tx.account.update({ where: { id: account.id }, data: { kickoffDate: kickoff } });
    await recordAuditEvent(tx, {
      organizationId: account.organizationId,
      accountId: account.id,
      entityType: 'account',
      entityId: account.id,
      actor: person.auditActor,
      from: formatCalendarDate(account.kickoffDate),
      to: o.kickoffDate,
      reason: 'kickoff date changed',
      data: { setting: 'kickoffDate' },
      at: now,
    });
    if (first && startMoves) {
      await tx.milestone.update({ where: { id: first.id }, data: { startedAt: newStartAt } });
      await recordAuditEvent(tx, {
        organizationId: account.organizationId,
        accountId: account.id,
        entityType: 'milestone',
        entityId: first.id,
        actor: person.auditActor,
        from: oldStartAt.toISOString(),
        to: newStartAt.toISOString(),
        reason: 'in progress from the new kickoff',
        data: { setting: 'startedAt' },
        at: now,
      });
    }
    const reason = `the kickoff moved to ${o.kickoffDate}`;
    await writeMilestoneDates(tx, {
      organizationId: account.organizationId,
      accountId: account.id,
      milestones,
      changes: shifted.value,
      goLiveDate: account.goLiveDate,
      actor: person.auditActor,
      reason,
      at: now,
    });

    let rescheduled = 0;
    // A plan still waiting for its handoff has nothing due: its due times come when it starts (plan/start-plan.ts).
    const started = first?.status !== 'pending';
    for (const action of started ? plan.actions : []) {
      if (action.status !== 'pending') continue;
      const anchor = triggerAnchor(action.triggerKind, action.afterActionKey);
      const followsStart =
        anchor === 'milestone_start' && startMoves && action.milestoneId === first?.id && action.dueAt;
      if (anchor !== 'kickoff' && !followsStart) continue;
      const dueAt = dueFrom(action, newStartAt, account.calendar, kickoff);
      if (dueAt?.getTime() === action.dueAt?.getTime()) continue;
      await tx.action.update({ where: { id: action.id }, data: { dueAt, waitingReason: null } });
      await recordAuditEvent(tx, {
        organizationId: account.organizationId,
        accountId: account.id,
        entityType: 'action',
        entityId: action.id,
        actor: person.auditActor,
        from: action.dueAt?.toISOString() ?? null,
        to: dueAt?.toISOString() ?? null,
        reason: `due time follows the kickoff (${o.kickoffDate})`,
        data: { setting: 'dueAt' },
        at: now,
      });
      rescheduled++;
    }
    await refreshNextActionAt(tx, [account.id]);
    return { ...unchanged, changed: true, milestonesMoved: shifted.value.length, actionsRescheduled: rescheduled };
  });
}
