import type { ListenerRegistry } from '../../listener-registry';
import { markCustomerResponded } from '../../../services/execution/mark-customer-responded';
import { checkPermission } from '../../../services/permissions/check-permission';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { actorOf, buttonValue, tellUser, type ThreadClick } from '../interaction';
import { refreshCard } from './refresh-card';

/** "Customer responded" on a sent email: executed → completed, and the actions waiting on it are scheduled. */
export function registerCustomerResponded(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<ThreadClick>(ACTIONS.customerResponded, async ({ ack, body, respond }) => {
    await ack();
    try {
      const actor = await actorOf(deps, body);
      const actionId = buttonValue(body);
      await checkPermission(deps.ctx, {
        organizationId: actor.organizationId,
        actor,
        target: { actionId },
        doing: 'mark customer responses',
      });
      await markCustomerResponded(
        deps.ctx,
        { notifier: deps.notifier },
        { organizationId: actor.organizationId, actionId, actor },
      );
      await refreshCard(deps, actionId, { body, respond });
    } catch (error) {
      await tellUser(deps, respond, error);
    }
  });
}
