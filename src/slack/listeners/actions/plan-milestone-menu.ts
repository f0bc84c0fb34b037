import type { ListenerRegistry } from '../../listener-registry';
import { checkPermission } from '../../../services/permissions/check-permission';
import { getAccountPlan } from '../../../services/plan/get-account-plan';
import { listAddableTemplateActions } from '../../../services/plan/list-addable-template-actions';
import { buildAddPlanActionModal, buildShiftMilestoneModal } from '../../blocks/plan-modals';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { actorOf, tellUser } from '../interaction';
import { readPlanMenuValue, type PlanMenuClick } from './plan-menu-value';

/** The "…" menu beside a milestone of the plan: Add an action here, Shift planned dates. */
export function registerPlanMilestoneMenu(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<PlanMenuClick>(ACTIONS.planMilestoneMenu, async ({ ack, body, respond, client }) => {
    await ack();
    try {
      const { verb, accountId, id: milestoneId } = readPlanMenuValue(body);
      const actor = await actorOf(deps, body);
      const organizationId = actor.organizationId;
      await checkPermission(deps.ctx, {
        organizationId,
        actor,
        target: { milestoneId },
        doing: "change the account's plan",
      });
      const plan = await getAccountPlan(deps.ctx, { organizationId, accountId });
      const responseUrl = body.response_url;
      const view =
        verb === 'add'
          ? buildAddPlanActionModal({
              plan,
              addable: await listAddableTemplateActions(deps.ctx, { organizationId, accountId }),
              milestoneId,
              responseUrl,
            })
          : buildShiftMilestoneModal({ plan, milestoneId, responseUrl });
      await client.views.open({ trigger_id: body.trigger_id, view });
    } catch (error) {
      await tellUser(deps, respond, error);
    }
  });
}
