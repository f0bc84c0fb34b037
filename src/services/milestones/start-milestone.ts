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

const optionsSchema = z.object({ organizationId: z.string().min(1), milestoneId: z.string().min(1), actor: managingActorSchema });

export interface StartedMilestone {
  milestoneId: string;
  accountId: string;
  name: string;
  scheduled: { id: string; name: string; dueAt: Date }[];
}

/** Pending → in progress; the actions counting from its start get their due times. Audited. */
export async function startMilestone(ctx: ServiceContext, input: z.input<typeof optionsSchema>): Promise<StartedMilestone> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const m = await loadMilestoneForChange(tx, { organizationId: o.organizationId, milestoneId: o.milestoneId, actor: o.actor, doing: 'start milestones' });
      const to = nextMilestoneStatus(m.status, 'start');
      const claimed = await tx.milestone.updateMany({ where: { id: m.id, status: m.status }, data: { status: to, startedAt: now } });
      if (claimed.count !== 1) throw new AppError('conflict', `${m.name} changed while you were starting it; look again.`);
      const scheduled = await beginMilestone(tx, { milestoneId: m.id, startedAt: now, timeZone: m.account.organization.timezone, kickoffDate: m.account.kickoffDate });
      await recordAuditEvent(tx, {
        organizationId: m.account.organizationId,
        accountId: m.accountId,
        entityType: 'milestone',
        entityId: m.id,
        actor: o.actor.userId,
        from: m.status,
        to,
        data: { scheduledActions: scheduled.map((a) => a.id) },
        at: now,
      });
      await refreshAccountSchedule(tx, m.accountId);
      return { milestoneId: m.id, accountId: m.accountId, name: m.name, scheduled };
    });
  } catch (error) {
    throw toAppError(error);
  }
}
