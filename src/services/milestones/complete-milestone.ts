import { z } from 'zod';
import { localDateOf } from '../../domain/business-days';
import { businessDatesSpanned, formatCalendarDate } from '../../domain/calendar-date';
import { OPEN_ACTION_STATUSES } from '../../domain/action-state';
import { nextMilestoneStatus } from '../../domain/milestone-state';
import { completionRefusal, milestoneStartingAfter } from '../../domain/plan-engine';
import { AppError } from '../../lib/errors';
import { goLiveIfPlanDone, type WentLive } from '../accounts/go-live';
import { refreshAccountSchedule } from '../accounts/refresh-account-schedule';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { refreshAccountSlip } from '../metrics/refresh-account-slip';
import { propagateTriggers } from '../plan/propagate-triggers';
import { pushFollowingMilestones } from '../plan/push-following-milestones';
import { closeMilestoneBlock } from './close-milestone-block';
import { milestoneTargetShape, runMilestoneChange } from './run-milestone-change';
import { transitionMilestone } from './transition-milestone';

const optionsSchema = z.object({
  ...milestoneTargetShape,
  /** Required when the milestone still has open actions. */
  overrideReason: z.string().trim().max(2000).optional(),
});

export interface CompletedMilestone {
  milestoneId: string;
  accountId: string;
  name: string;
  next: { milestoneId: string; name: string; scheduled: { id: string; name: string; dueAt: Date }[] } | null;
  /** Set when this was the plan's last milestone and the account went live. */
  wentLive: WentLive | null;
}

/**
 * In progress → completed. Open actions need an override reason (kept on the milestone and in the audit). The next
 * milestone, if pending, starts at once and its start triggers get their due times; when none is left to do, the
 * account goes live (accounts/go-live.ts). Every transition is audited.
 */
export async function completeMilestone(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<CompletedMilestone> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  return runMilestoneChange(ctx, { ...o, doing: 'complete milestones' }, async (tx, m) => {
    // Checked before counting open actions: "unblock it first" is the answer that matters to a blocked milestone.
    nextMilestoneStatus(m.status, 'complete');
    const open = await tx.action.count({ where: { milestoneId: m.id, status: { in: [...OPEN_ACTION_STATUSES] } } });
    const override = o.overrideReason ? o.overrideReason : undefined;
    const message = completionRefusal(m, open, override);
    if (message) {
      throw new AppError('validation_failed', message, {
        details: { openActions: open },
        fields: [{ field: 'overrideReason', message }],
      });
    }
    const { timezone, workingDays } = m.account.organization;
    // Counted as plannedDays is (business dates, both ends included) in the calendar of this moment, so analytics
    // compare actual with planned without re-deriving calendars.
    const actualDays = businessDatesSpanned(
      localDateOf(m.startedAt ?? now, timezone),
      localDateOf(now, timezone),
      workingDays,
    );
    await transitionMilestone(tx, {
      milestone: { ...m, organizationId: m.account.organizationId },
      event: 'complete',
      data: { completedAt: now, completionOverride: open > 0 ? override : null, actualDays },
      // Only an in-progress milestone completes, so no block should be open; closing one anyway keeps the
      // ledger from counting a block past its milestone's end.
      alsoWrite: async () => void (await closeMilestoneBlock(tx, { milestoneId: m.id, at: now })),
      conflict: `${m.name} changed while you were completing it; look again.`,
      actor: m.person.auditActor,
      reason: open > 0 ? `completed with ${open} open action${open === 1 ? '' : 's'}: ${override}` : null,
      at: now,
    });

    let next: CompletedMilestone['next'] = null;
    const following = milestoneStartingAfter(
      await tx.milestone.findMany({ where: { accountId: m.accountId, position: m.position + 1 } }),
      m.position,
    );
    if (following) {
      let scheduled: NonNullable<CompletedMilestone['next']>['scheduled'] = [];
      await transitionMilestone(tx, {
        milestone: { ...following, organizationId: m.account.organizationId },
        event: 'start',
        data: { startedAt: now },
        conflict: `${following.name} was started by someone else while ${m.name} was being completed; look again.`,
        alsoWrite: async () => {
          const released = await propagateTriggers(tx, {
            kind: 'milestone_started',
            accountId: m.accountId,
            milestoneId: following.id,
            at: now,
          });
          scheduled = released.map(({ id, name, dueAt }) => ({ id, name, dueAt }));
          return { auditData: { scheduledActions: scheduled.map((a) => a.id) } };
        },
        actor: m.person.auditActor,
        reason: `started because ${m.name} was completed`,
        at: now,
      });
      next = { milestoneId: following.id, name: following.name, scheduled };
    }
    // A late finish (and the late start of the next milestone it causes) pushes the rest of the plan out.
    await pushFollowingMilestones(tx, {
      accountId: m.accountId,
      milestoneId: m.id,
      actor: m.person.auditActor,
      reason: `${m.name} completed on ${formatCalendarDate(localDateOf(now, m.account.organization.timezone))}`,
      at: now,
    });
    const wentLive = next
      ? null
      : await goLiveIfPlanDone(tx, { account: m.account, milestoneName: m.name, actor: m.person.auditActor, at: now });
    await refreshAccountSchedule(tx, m.accountId);
    await refreshAccountSlip(tx, { accountId: m.accountId, now });
    return { milestoneId: m.id, accountId: m.accountId, name: m.name, next, wentLive };
  });
}
