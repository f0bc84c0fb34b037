import type { ListenerRegistry } from '../../listener-registry';
import { getAccountOverview } from '../../../services/accounts/get-account-overview';
import { checkPermission } from '../../../services/permissions/check-permission';
import { buildAccountChannelsModal } from '../../blocks/account-channels-modal';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { actorOf, buttonValue, tellUser, type ThreadClick } from '../interaction';

/** Channels on the account card: a modal with its CSM channel and its customer channel. */
export function registerOpenAccountChannels(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<ThreadClick>(ACTIONS.openAccountChannels, async ({ ack, body, respond, client }) => {
    await ack();
    try {
      const actor = await actorOf(deps, body);
      const accountId = buttonValue(body);
      const organizationId = actor.organizationId;
      await checkPermission(deps.ctx, {
        organizationId,
        actor,
        target: { accountId },
        doing: "choose the account's channels",
      });
      const a = await getAccountOverview(deps.ctx, { organizationId, accountId });
      await client.views.open({
        trigger_id: body.trigger_id,
        view: buildAccountChannelsModal({
          accountId: a.id,
          accountName: a.name,
          csmChannelId: a.csmChannelId,
          customerChannelId: a.customerChannelId,
          responseUrl: body.response_url,
        }),
      });
    } catch (error) {
      await tellUser(deps, respond, error);
    }
  });
}
