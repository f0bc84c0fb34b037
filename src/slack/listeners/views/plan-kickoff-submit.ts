import type { ViewSubmitAction } from '@slack/bolt';
import type { ListenerRegistry } from '../../listener-registry';
import { changeKickoffDate } from '../../../services/plan/change-kickoff-date';
import type { SlackDeps } from '../../deps';
import { PLAN_FIELDS as F, VIEWS } from '../../ids';
import { planField, requireFields, submitPlanChange } from './plan-form';

/** Moves the account's kickoff; the plan moves with it. */
export function registerPlanKickoffSubmit(app: ListenerRegistry, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(VIEWS.planKickoff, async (args) => {
    const kickoffDate = planField(args.view, F.kickoff).date;
    await submitPlanChange(deps, args, {
      title: 'Not changed',
      blockOfField: { kickoffDate: F.kickoff },
      check: () => requireFields([[F.kickoff, kickoffDate, 'Pick the new kickoff day.']]),
      run: async (actor, meta) => {
        const changed = await changeKickoffDate(deps.ctx, {
          organizationId: actor.organizationId,
          actor,
          accountId: meta.accountId,
          kickoffDate,
        });
        if (!changed.changed) return `The kickoff was already on ${kickoffDate}.`;
        return `Kickoff moved to ${kickoffDate}: ${changed.milestonesMoved} milestone${changed.milestonesMoved === 1 ? '' : 's'} and ${changed.actionsRescheduled} due time${changed.actionsRescheduled === 1 ? '' : 's'} moved with it.`;
      },
    });
  });
}
