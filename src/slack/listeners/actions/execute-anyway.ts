import type { App } from '@slack/bolt';
import { AppError } from '../../../lib/errors';
import { checkPermission } from '../../../services/permissions/check-permission';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { actorOf, buttonValue, tellUser } from '../interaction';
import { refreshCard } from './refresh-card';

/**
 * "Execute anyway": the explicit override of blocking review-lint findings (Slack has asked for confirmation).
 * The execution service records the override and who made it in the audit trail; still sent exactly once.
 */
export function registerExecuteAnyway(app: App, deps: SlackDeps): void {
  app.action(ACTIONS.executeAnyway, async ({ ack, body, respond }) => {
    await ack();
    try {
      const actor = await actorOf(deps, body);
      const actionId = buttonValue(body);
      await checkPermission(deps.ctx, { organizationId: actor.organizationId, actor, target: { actionId }, doing: 'execute actions' });
      const execute = deps.workflows.executeAction;
      if (!execute) throw new AppError('not_configured', 'sending from Slack is not connected in this build yet.');
      try {
        await execute(actionId, actor.userId, true);
      } finally {
        await refreshCard(deps, actionId, body, respond);
      }
    } catch (error) {
      await tellUser(deps, respond, error);
    }
  });
}
