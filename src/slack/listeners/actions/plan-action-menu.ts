import type { ListenerRegistry } from '../../listener-registry';
import { checkPermission } from '../../../services/permissions/check-permission';
import { getAccountPlan } from '../../../services/plan/get-account-plan';
import { buildDueDateModal, buildMovePlanActionModal, buildRemovePlanActionModal } from '../../blocks/plan-modals';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { actorOf, tellUser } from '../interaction';
import { readPlanMenuValue, type PlanMenuClick } from './plan-menu-value';

/**
 * The "…" menu beside an action of the plan: Change due date, Move, Remove from the plan. Each opens its modal
 * (after an early check that the person may change this account), remembering where the plan was shown so it can
 * be shown again, changed, once the modal is submitted.
 */
export function registerPlanActionMenu(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<PlanMenuClick>(ACTIONS.planActionMenu, async ({ ack, body, respond, client }) => {
    await ack();
    try {
      const { verb, accountId, id: actionId } = readPlanMenuValue(body);
      const actor = await actorOf(deps, body);
      const organizationId = actor.organizationId;
      await checkPermission(deps.ctx, {
        organizationId,
        actor,
        target: { actionId },
        doing: "change the account's plan",
      });
      const plan = await getAccountPlan(deps.ctx, { organizationId, accountId });
      const responseUrl = body.response_url;
      const view =
        verb === 'due'
          ? buildDueDateModal({ plan, actionId, now: deps.ctx.now(), responseUrl })
          : verb === 'move'
            ? buildMovePlanActionModal({ plan, actionId, responseUrl })
            : buildRemovePlanActionModal({ plan, actionId, responseUrl });
      await client.views.open({ trigger_id: body.trigger_id, view });
    } catch (error) {
      await tellUser(deps, respond, error);
    }
  });
}
