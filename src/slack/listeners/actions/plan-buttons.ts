import type { ListenerRegistry } from '../../listener-registry';
import { checkPermission } from '../../../services/permissions/check-permission';
import { getAccountPlan } from '../../../services/plan/get-account-plan';
import { listAddableTemplateActions } from '../../../services/plan/list-addable-template-actions';
import { buildAddPlanActionModal, buildKickoffModal } from '../../blocks/plan-modals';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { actorOf, buttonValue, tellUser, type ThreadClick } from '../interaction';

/** The plan's "Add an action" and "Change kickoff date" buttons: each opens its modal for the account. */
export function registerPlanButtons(app: ListenerRegistry, deps: SlackDeps): void {
  const ids = new RegExp(`^(${ACTIONS.planAddAction}|${ACTIONS.planChangeKickoff})$`);
  app.action<ThreadClick>(ids, async ({ ack, body, respond, client, action }) => {
    await ack();
    try {
      const accountId = buttonValue(body);
      const actor = await actorOf(deps, body);
      const organizationId = actor.organizationId;
      await checkPermission(deps.ctx, {
        organizationId,
        actor,
        target: { accountId },
        doing: "change the account's plan",
      });
      const plan = await getAccountPlan(deps.ctx, { organizationId, accountId });
      const responseUrl = body.response_url;
      const view =
        action.action_id === ACTIONS.planAddAction
          ? buildAddPlanActionModal({
              plan,
              addable: await listAddableTemplateActions(deps.ctx, { organizationId, accountId }),
              responseUrl,
            })
          : buildKickoffModal({ plan, responseUrl });
      await client.views.open({ trigger_id: body.trigger_id, view });
    } catch (error) {
      await tellUser(deps, respond, error);
    }
  });
}
