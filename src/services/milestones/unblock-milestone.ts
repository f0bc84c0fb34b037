import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { refreshAccountSlip } from '../metrics/refresh-account-slip';
import { closeMilestoneBlock } from './close-milestone-block';
import { milestoneTargetShape, runMilestoneChange } from './run-milestone-change';
import { transitionMilestone } from './transition-milestone';

const optionsSchema = z.object({
  ...milestoneTargetShape,
  reason: z.string().trim().max(2000).optional(),
});

/**
 * Blocked → in progress; the blocker note leaves the portal (it stays in the audit trail) and the block's history
 * row ends now, so its days stop counting against its cause.
 */
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
      data: { blockedAt: null, blockerNote: null, blockCause: null },
      alsoWrite: async () => {
        await closeMilestoneBlock(tx, { milestoneId: m.id, at: now });
        return { auditData: { blockerNote: m.blockerNote, blockCause: m.blockCause } };
      },
      conflict: `${m.name} changed while you were unblocking it; look again.`,
      actor: m.person.auditActor,
      reason: o.reason || null,
      at: now,
    });
    await refreshAccountSlip(tx, { accountId: m.accountId, now });
    return { milestoneId: m.id, accountId: m.accountId, name: m.name };
  });
}
