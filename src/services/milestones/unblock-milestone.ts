import { z } from 'zod';
import { nextMilestoneStatus } from '../../domain/milestone-state';
import { AppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { toAppError } from '../errors/to-app-error';
import { loadMilestoneForChange } from './load-milestone-for-change';
import { managingActorSchema } from './actor-schema';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  milestoneId: z.string().min(1),
  actor: managingActorSchema,
  reason: z.string().trim().max(2000).optional(),
});

/** Blocked → in progress; the blocker note leaves the portal (it stays in the audit trail). */
export async function unblockMilestone(ctx: ServiceContext, input: z.input<typeof optionsSchema>): Promise<{ milestoneId: string; accountId: string; name: string }> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const m = await loadMilestoneForChange(tx, { organizationId: o.organizationId, milestoneId: o.milestoneId, actor: o.actor, doing: 'unblock milestones' });
      const to = nextMilestoneStatus(m.status, 'unblock');
      const claimed = await tx.milestone.updateMany({ where: { id: m.id, status: m.status }, data: { status: to, blockedAt: null, blockerNote: null } });
      if (claimed.count !== 1) throw new AppError('conflict', `${m.name} changed while you were unblocking it; look again.`);
      await recordAuditEvent(tx, {
        organizationId: m.account.organizationId,
        accountId: m.accountId,
        entityType: 'milestone',
        entityId: m.id,
        actor: o.actor.userId,
        from: m.status,
        to,
        reason: o.reason || null,
        data: { blockerNote: m.blockerNote },
        at: now,
      });
      return { milestoneId: m.id, accountId: m.accountId, name: m.name };
    });
  } catch (error) {
    throw toAppError(error);
  }
}
