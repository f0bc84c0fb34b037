import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { milestoneTargetShape, runMilestoneChange } from './run-milestone-change';
import { transitionMilestone } from './transition-milestone';

const optionsSchema = z.object({
  ...milestoneTargetShape,
  reason: z.string().trim().max(2000).optional(),
});

/** Blocked → in progress; the blocker note leaves the portal (it stays in the audit trail). */
export async function unblockMilestone(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<{ milestoneId: string; accountId: string; name: string }> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  return runMilestoneChange(ctx, { ...o, doing: 'unblock milestones' }, async (tx, m) => {
    await transitionMilestone(tx, {
      milestone: { ...m, organizationId: m.account.organizationId },
      event: 'unblock',
      data: { blockedAt: null, blockerNote: null },
      conflict: `${m.name} changed while you were unblocking it; look again.`,
      actor: m.person.auditActor,
      reason: o.reason || null,
      auditData: { blockerNote: m.blockerNote },
      at: now,
    });
    return { milestoneId: m.id, accountId: m.accountId, name: m.name };
  });
}
