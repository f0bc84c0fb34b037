import { z } from 'zod';
import { SLIP_SIDES } from '../../domain/onboarding-clock-types';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { refreshAccountSlip } from '../metrics/refresh-account-slip';
import { milestoneTargetShape, runMilestoneChange } from './run-milestone-change';
import { transitionMilestone } from './transition-milestone';

const optionsSchema = z.object({
  ...milestoneTargetShape,
  /** Shown to the customer in the portal. */
  note: z.string().trim().max(2000, 'keep the note under 2000 characters'),
  /** Whose move the block is: its days of slip are that side's (domain/slip-attribution.ts). */
  cause: z.enum(SLIP_SIDES, { error: 'say whose move the block is: the customer, us or a third party' }),
});

/**
 * In progress → blocked with a note the customer sees in the portal and the cause the CSM names. The block's
 * history (MilestoneBlock) starts here and ends at unblock or completion. Audited.
 */
export async function blockMilestone(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<{ milestoneId: string; accountId: string; name: string }> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  return runMilestoneChange(ctx, { ...o, doing: 'block milestones' }, async (tx, m) => {
    await transitionMilestone(tx, {
      milestone: { ...m, organizationId: m.account.organizationId },
      event: 'block',
      options: { note: o.note },
      data: { blockedAt: now, blockerNote: o.note, blockCause: o.cause },
      alsoWrite: async () => {
        await tx.milestoneBlock.create({
          data: {
            organizationId: m.account.organizationId,
            accountId: m.accountId,
            milestoneId: m.id,
            cause: o.cause,
            note: o.note,
            startedAt: now,
            startedBy: m.person.auditActor,
          },
        });
        return { auditData: { cause: o.cause } };
      },
      conflict: `${m.name} changed while you were blocking it; look again.`,
      actor: m.person.auditActor,
      reason: o.note,
      at: now,
    });
    await refreshAccountSlip(tx, { accountId: m.accountId, now });
    return { milestoneId: m.id, accountId: m.accountId, name: m.name };
  });
}
