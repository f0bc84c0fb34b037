import type { ViewSubmitAction } from '@slack/bolt';
import type { ListenerRegistry } from '../../listener-registry';
import { AppError } from '../../../lib/errors';
import { movePlanAction } from '../../../services/plan/move-plan-action';
import type { SlackDeps } from '../../deps';
import { PLAN_FIELDS as F, VIEWS } from '../../ids';
import { planField, readPlace, requireFields, submitPlanChange } from './plan-form';

/** Moves an action to the place chosen; a place before what it waits on is refused under the field. */
export function registerPlanMoveSubmit(app: ListenerRegistry, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(VIEWS.planMoveAction, async (args) => {
    const place = readPlace(planField(args.view, F.place).option);
    await submitPlanChange(deps, args, {
      title: 'Not moved',
      blockOfField: { placement: F.place, 'placement.milestoneId': F.place },
      check: () => requireFields([[F.place, place, 'Choose where the action goes.']]),
      run: async (actor, meta) => {
        if (!meta.id) throw new AppError('form_out_of_date', 'close it and open it again from the plan.');
        const moved = await movePlanAction(deps.ctx, {
          organizationId: actor.organizationId,
          actor,
          actionId: meta.id,
          placement: place!,
        });
        return moved.moved ? `Moved “${moved.name}”.` : `“${moved.name}” was already there.`;
      },
    });
  });
}
