import type { ListenerRegistry } from '../../listener-registry';
import { skipAction } from '../../../services/review/skip-action';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { actorOf, buttonValue, tellUser, type ThreadClick } from '../interaction';
import { refreshCard } from './refresh-card';

export function registerSkip(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<ThreadClick>(ACTIONS.skip, async ({ ack, body, respond }) => {
    await ack();
    try {
      const actor = await actorOf(deps, body);
      const actionId = buttonValue(body);
      await skipAction(deps.ctx, { organizationId: actor.organizationId, actionId, actor });
      await refreshCard(deps, actionId, { body, respond });
    } catch (error) {
      await tellUser(deps, respond, error);
    }
  });
}
