import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { milestoneTargetShape, runMilestoneChange } from './run-milestone-change';
import { transitionMilestone } from './transition-milestone';

const optionsSchema = z.object({
  ...milestoneTargetShape,
  /** Shown to the customer in the portal. */
  note: z.string().trim().max(2000, 'keep the note under 2000 characters'),
});

/** In progress → blocked with a note the customer sees in the portal. Audited. */
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
      data: { blockedAt: now, blockerNote: o.note },
      conflict: `${m.name} changed while you were blocking it; look again.`,
      actor: m.person.auditActor,
      reason: o.note,
      at: now,
    });
    return { milestoneId: m.id, accountId: m.accountId, name: m.name };
  });
}
