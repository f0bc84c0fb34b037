import type { ListenerRegistry } from '../../listener-registry';
import { completeInternalTask } from '../../../services/execution/complete-internal-task';
import { checkPermission } from '../../../services/permissions/check-permission';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { actorOf, buttonValue, tellUser, type ThreadClick } from '../interaction';
import { refreshCard } from './refresh-card';

/** "Done" on an internal task: completed, and what waits on it is scheduled. */
export function registerTaskDone(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<ThreadClick>(ACTIONS.taskDone, async ({ ack, body, respond }) => {
    await ack();
    try {
      const actor = await actorOf(deps, body);
      const actionId = buttonValue(body);
      await checkPermission(deps.ctx, {
        organizationId: actor.organizationId,
        actor,
        target: { actionId },
        doing: 'complete internal tasks',
      });
      await completeInternalTask(
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
