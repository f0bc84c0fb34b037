import type { ViewSubmitAction } from '@slack/bolt';
import type { ListenerRegistry } from '../../listener-registry';
import { AppError } from '../../../lib/errors';
import { changeActionDueDate } from '../../../services/plan/change-action-due-date';
import type { SlackDeps } from '../../deps';
import { PLAN_FIELDS as F, VIEWS } from '../../ids';
import { planField, requireFields, submitPlanChange } from './plan-form';

/** Sets a pending action's due day and time; a time already passed is refused under the date. */
export function registerPlanDueSubmit(app: ListenerRegistry, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(VIEWS.planDueDate, async (args) => {
    const date = planField(args.view, F.date).date;
    const time = planField(args.view, F.time).time;
    await submitPlanChange(deps, args, {
      title: 'Not changed',
      blockOfField: { date: F.date, time: F.time },
      check: () =>
        requireFields([
          [F.date, date, 'Pick a day.'],
          [F.time, time, 'Pick a time of day.'],
        ]),
      run: async (actor, meta) => {
        if (!meta.id) throw new AppError('form_out_of_date', 'close it and open it again from the plan.');
        const changed = await changeActionDueDate(deps.ctx, {
          organizationId: actor.organizationId,
          actor,
          actionId: meta.id,
          date,
          time,
        });
        return `Changed when “${changed.name}” is due.`;
      },
    });
  });
}
