import { z } from 'zod';
import { localDateOf } from '../../domain/business-days';
import { formatCalendarDate } from '../../domain/calendar-date';
import { refreshAccountSchedule } from '../accounts/refresh-account-schedule';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { refreshAccountSlip } from '../metrics/refresh-account-slip';
import { propagateTriggers } from '../plan/propagate-triggers';
import { pushFollowingMilestones } from '../plan/push-following-milestones';
import { milestoneTargetShape, runMilestoneChange } from './run-milestone-change';
import { transitionMilestone } from './transition-milestone';

const optionsSchema = z.object(milestoneTargetShape);

export interface StartedMilestone {
  milestoneId: string;
  accountId: string;
  name: string;
  scheduled: { id: string; name: string; dueAt: Date }[];
}

/** Pending → in progress; the actions counting from its start get their due times. Audited. */
export async function startMilestone(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<StartedMilestone> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  return runMilestoneChange(ctx, { ...o, doing: 'start milestones' }, async (tx, m) => {
    let scheduled: StartedMilestone['scheduled'] = [];
    await transitionMilestone(tx, {
      milestone: { ...m, organizationId: m.account.organizationId },
      event: 'start',
      data: { startedAt: now },
      conflict: `${m.name} changed while you were starting it; look again.`,
      alsoWrite: async () => {
        const released = await propagateTriggers(tx, {
          kind: 'milestone_started',
          accountId: m.accountId,
          milestoneId: m.id,
          at: now,
        });
        scheduled = released.map(({ id, name, dueAt }) => ({ id, name, dueAt }));
        return { auditData: { scheduledActions: scheduled.map((a) => a.id) } };
      },
      actor: m.person.auditActor,
      at: now,
    });
    // Started late, it ends late: the milestones after it move out.
    await pushFollowingMilestones(tx, {
      accountId: m.accountId,
      milestoneId: m.id,
      actor: m.person.auditActor,
      reason: `${m.name} started on ${formatCalendarDate(localDateOf(now, m.account.organization.timezone))}`,
      at: now,
    });
    await refreshAccountSchedule(tx, m.accountId);
    await refreshAccountSlip(tx, { accountId: m.accountId, now });
    return { milestoneId: m.id, accountId: m.accountId, name: m.name, scheduled };
  });
}
