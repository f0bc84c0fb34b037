import type { ListenerRegistry } from '../../listener-registry';
import { getHandoffSummary } from '../../../services/accounts/get-handoff-summary';
import { checkPermission } from '../../../services/permissions/check-permission';
import { buildStartWithoutHandoffModal } from '../../blocks/start-without-handoff-modal';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { actorOf, buttonValue, tellClicker, type ThreadClick } from '../interaction';

/**
 * Start plan anyway (account card, the CSM's handoff notes): a modal asking why, for the account's CSM or an admin;
 * anyone else is told at the click (the service checks again on submit).
 */
export function registerHandoffStartAnyway(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<ThreadClick>(ACTIONS.handoffStartAnyway, async ({ ack, body, respond, client }) => {
    await ack();
    try {
      const actor = await actorOf(deps, body);
      const accountId = buttonValue(body);
      await checkPermission(deps.ctx, {
        organizationId: actor.organizationId,
        actor,
        target: { accountId },
        doing: 'start its plan without the handoff',
      });
      const h = await getHandoffSummary(deps.ctx, { organizationId: actor.organizationId, accountId });
      await client.views.open({
        trigger_id: body.trigger_id,
        view: buildStartWithoutHandoffModal({
          accountId,
          accountName: h.accountName,
          aeName: h.aeName,
          responseUrl: body.response_url,
        }),
      });
    } catch (error) {
      await tellClicker(deps, { body, respond, client }, error);
    }
  });
}
