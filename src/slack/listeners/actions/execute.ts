import type { App } from '@slack/bolt';
import { AppError } from '../../../lib/errors';
import { checkPermission } from '../../../services/permissions/check-permission';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { actorOf, buttonValue, tellUser } from '../interaction';
import { refreshCard } from './refresh-card';

/**
 * Execute hands over to the execution service, which claims the action atomically (a double click or a retry
 * finds it taken) and sends exactly once; this listener only checks who may, and refreshes the card.
 */
export function registerExecute(app: App, deps: SlackDeps): void {
  app.action(ACTIONS.execute, async ({ ack, body, respond }) => {
    await ack();
    try {
      const actor = await actorOf(deps, body);
      const actionId = buttonValue(body);
      await checkPermission(deps.ctx, { organizationId: actor.organizationId, actor, target: { actionId }, doing: 'execute actions' });
      const execute = deps.workflows.executeAction;
      if (!execute) throw new AppError('not_configured', 'sending from Slack is not connected in this build yet.');
      try {
        await execute(actionId, actor.userId, false);
      } finally {
        // Sent or failed, the card shows what happened.
        await refreshCard(deps, actionId, body, respond);
      }
    } catch (error) {
      await tellUser(deps, respond, error);
    }
  });
}
