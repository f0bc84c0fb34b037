import { z } from 'zod';
import { nextMilestoneStatus } from '../../domain/milestone-state';
import { AppError } from '../../lib/errors';
import { refreshAccountSchedule } from '../accounts/refresh-account-schedule';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { toAppError } from '../errors/to-app-error';
import { beginMilestone } from './begin-milestone';
import { loadMilestoneForChange } from './load-milestone-for-change';
import { managingActorSchema } from './actor-schema';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  milestoneId: z.string().min(1),
  actor: managingActorSchema,
  /** Required when the milestone still has open actions. */
  overrideReason: z.string().trim().max(2000).optional(),
});

const OPEN = ['pending', 'ready', 'review_pending', 'executing'] as const;

export interface CompletedMilestone {
  milestoneId: string;
  accountId: string;
  name: string;
  next: { milestoneId: string; name: string; scheduled: { id: string; name: string; dueAt: Date }[] } | null;
}

/**
 * In progress → completed. Open actions need an override reason (kept on the milestone and in the audit). The next
 * milestone, if pending, starts at once and its start triggers get their due times. Every transition is audited.
 */
export async function completeMilestone(ctx: ServiceContext, input: z.input<typeof optionsSchema>): Promise<CompletedMilestone> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const m = await loadMilestoneForChange(tx, { organizationId: o.organizationId, milestoneId: o.milestoneId, actor: o.actor, doing: 'complete milestones' });
      const to = nextMilestoneStatus(m.status, 'complete');
      const open = await tx.action.count({ where: { milestoneId: m.id, status: { in: [...OPEN] } } });
      const override = o.overrideReason ? o.overrideReason : undefined;
      if (open > 0 && !override) {
        throw new AppError('validation_failed', `${m.name} still has ${open} open action${open === 1 ? '' : 's'}; give a reason to complete it anyway.`, {
          details: { field: 'overrideReason', openActions: open },
        });
      }
      const claimed = await tx.milestone.updateMany({
        where: { id: m.id, status: m.status },
        data: { status: to, completedAt: now, completionOverride: open > 0 ? override : null },
      });
      if (claimed.count !== 1) throw new AppError('conflict', `${m.name} changed while you were completing it; look again.`);
      await recordAuditEvent(tx, {
        organizationId: m.account.organizationId,
        accountId: m.accountId,
        entityType: 'milestone',
        entityId: m.id,
        actor: o.actor.userId,
        from: m.status,
        to,
        reason: open > 0 ? `completed with ${open} open action${open === 1 ? '' : 's'}: ${override}` : null,
        at: now,
      });

      let next: CompletedMilestone['next'] = null;
      const following = await tx.milestone.findFirst({ where: { accountId: m.accountId, position: m.position + 1 } });
      if (following && following.status === 'pending') {
        const nextTo = nextMilestoneStatus(following.status, 'start');
        await tx.milestone.update({ where: { id: following.id }, data: { status: nextTo, startedAt: now } });
        const scheduled = await beginMilestone(tx, { milestoneId: following.id, startedAt: now, timeZone: m.account.organization.timezone, kickoffDate: m.account.kickoffDate });
        await recordAuditEvent(tx, {
          organizationId: m.account.organizationId,
          accountId: m.accountId,
          entityType: 'milestone',
          entityId: following.id,
          actor: o.actor.userId,
          from: following.status,
          to: nextTo,
          reason: `started because ${m.name} was completed`,
          data: { scheduledActions: scheduled.map((a) => a.id) },
          at: now,
        });
        next = { milestoneId: following.id, name: following.name, scheduled };
      }
      await refreshAccountSchedule(tx, m.accountId);
      return { milestoneId: m.id, accountId: m.accountId, name: m.name, next };
    });
  } catch (error) {
    throw toAppError(error);
  }
}
