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
  /** Shown to the customer in the portal. */
  note: z.string().trim().max(2000, 'keep the note under 2000 characters'),
});

/** In progress → blocked with a note the customer sees in the portal. Audited. */
export async function blockMilestone(ctx: ServiceContext, input: z.input<typeof optionsSchema>): Promise<{ milestoneId: string; accountId: string; name: string }> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const m = await loadMilestoneForChange(tx, { organizationId: o.organizationId, milestoneId: o.milestoneId, actor: o.actor, doing: 'block milestones' });
      const to = nextMilestoneStatus(m.status, 'block', { note: o.note });
      const claimed = await tx.milestone.updateMany({ where: { id: m.id, status: m.status }, data: { status: to, blockedAt: now, blockerNote: o.note } });
      if (claimed.count !== 1) throw new AppError('conflict', `${m.name} changed while you were blocking it; look again.`);
      await recordAuditEvent(tx, {
        organizationId: m.account.organizationId,
        accountId: m.accountId,
        entityType: 'milestone',
        entityId: m.id,
        actor: o.actor.userId,
        from: m.status,
        to,
        reason: o.note,
        at: now,
      });
      return { milestoneId: m.id, accountId: m.accountId, name: m.name };
    });
  } catch (error) {
    throw toAppError(error);
  }
}
