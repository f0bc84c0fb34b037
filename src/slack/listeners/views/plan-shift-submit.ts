import type { ViewSubmitAction } from '@slack/bolt';
import type { ListenerRegistry } from '../../listener-registry';
import { AppError } from '../../../lib/errors';
import { shiftMilestoneDates } from '../../../services/plan/shift-milestone-dates';
import type { SlackDeps } from '../../deps';
import { PLAN_FIELDS as F, VIEWS } from '../../ids';
import { planField, requireFields, submitPlanChange } from './plan-form';

/** Moves a milestone's planned dates; one that would start before the milestone before it ends is refused. */
export function registerPlanShiftSubmit(app: ListenerRegistry, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(VIEWS.planShiftMilestone, async (args) => {
    const plannedStartDate = planField(args.view, F.plannedStart).date;
    await submitPlanChange(deps, args, {
      title: 'Not shifted',
      blockOfField: { plannedStartDate: F.plannedStart },
      check: () => requireFields([[F.plannedStart, plannedStartDate, 'Pick the new planned start.']]),
      run: async (actor, meta) => {
        if (!meta.id) throw new AppError('form_out_of_date', 'close it and open it again from the plan.');
        const shifted = await shiftMilestoneDates(deps.ctx, {
          organizationId: actor.organizationId,
          actor,
          milestoneId: meta.id,
          plannedStartDate,
        });
        const others = shifted.moved.filter((m) => m.id !== shifted.milestoneId).length;
        return `Shifted the planned dates of “${shifted.name}”${others ? ` and ${others} later milestone${others === 1 ? '' : 's'}` : ''}.`;
      },
    });
  });
}
