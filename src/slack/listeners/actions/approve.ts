import type { ListenerRegistry } from '../../listener-registry';
import { approveAction } from '../../../services/review/approve-action';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { actorOf, buttonValue, tellUser, type ThreadClick } from '../interaction';
import { refreshCard } from './refresh-card';

export function registerApprove(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<ThreadClick>(ACTIONS.approve, async ({ ack, body, respond }) => {
    await ack();
    try {
      const actor = await actorOf(deps, body);
      const actionId = buttonValue(body);
      await approveAction(deps.ctx, { organizationId: actor.organizationId, actionId, actor });
      await refreshCard(deps, actionId, { body, respond });
    } catch (error) {
      await tellUser(deps, respond, error);
    }
  });
}
