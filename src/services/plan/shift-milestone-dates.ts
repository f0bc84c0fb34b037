import { z } from 'zod';
import { shiftMilestone, type MilestoneDates } from '../../domain/plan-projection';
import type { ServiceContext } from '../context';
import { calendarDayOf, fieldError } from '../errors/field-errors';
import { parseOptions } from '../errors/parse-options';
import { loadPlan } from './load-plan';
import { planChangeShape, runPlanChange } from './run-plan-change';
import { writeMilestoneDates } from './write-milestone-dates';

const optionsSchema = z.object({
  ...planChangeShape,
  milestoneId: z.string().min(1),
  /** The new planned start, YYYY-MM-DD; a day off counts as the next working day. */
  plannedStartDate: z.string(),
});

export interface ShiftedMilestone {
  milestoneId: string;
  accountId: string;
  name: string;
  /** Every milestone whose planned dates changed, this one included. */
  moved: MilestoneDates[];
}

/**
 * Moves a milestone's planned dates in one account's plan (its CSM or an admin): it keeps its length, the later
 * milestones that have not started move by as many business days, and the planned go-live follows
 * (domain/plan-projection.ts). A completed milestone's dates are history. Audited per milestone.
 */
export async function shiftMilestoneDates(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<ShiftedMilestone> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  return runPlanChange(ctx, { ...o, target: { milestoneId: o.milestoneId } }, async (tx, { account, person }) => {
    const start = calendarDayOf('plannedStartDate', o.plannedStartDate);
    const { milestones } = await loadPlan(tx, account.id);
    const index = milestones.findIndex((m) => m.id === o.milestoneId);
    const milestone = milestones[index]!;
    const shifted = shiftMilestone(milestones, index, start, account.calendar);
    if (!shifted.ok) throw fieldError('plannedStartDate', shifted.message);
    await writeMilestoneDates(tx, {
      organizationId: account.organizationId,
      accountId: account.id,
      milestones,
      changes: shifted.value,
      goLiveDate: account.goLiveDate,
      actor: person.auditActor,
      reason: `${milestone.name} shifted by hand`,
      at: now,
    });
    return { milestoneId: milestone.id, accountId: account.id, name: milestone.name, moved: shifted.value };
  });
}
