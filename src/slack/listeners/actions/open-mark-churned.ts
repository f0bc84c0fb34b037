import type { ListenerRegistry } from '../../listener-registry';
import { getAccountOverview } from '../../../services/accounts/get-account-overview';
import { checkPermission } from '../../../services/permissions/check-permission';
import { buildMarkChurnedModal } from '../../blocks/account-status-modals';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { actorOf, buttonValue, tellUser, type ThreadClick } from '../interaction';

/** Mark churned on the account card: a modal asking why. The account's CSM or an admin; others are told at the click. */
export function registerOpenMarkChurned(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<ThreadClick>(ACTIONS.markChurned, async ({ ack, body, respond, client }) => {
    await ack();
    try {
      const actor = await actorOf(deps, body);
      const accountId = buttonValue(body);
      const organizationId = actor.organizationId;
      await checkPermission(deps.ctx, { organizationId, actor, target: { accountId }, doing: 'mark it churned' });
      const a = await getAccountOverview(deps.ctx, { organizationId, accountId });
      await client.views.open({
        trigger_id: body.trigger_id,
        view: buildMarkChurnedModal({
          accountId: a.id,
          accountName: a.name,
          status: a.status,
          responseUrl: body.response_url,
        }),
      });
    } catch (error) {
      await tellUser(deps, respond, error);
    }
  });
}
