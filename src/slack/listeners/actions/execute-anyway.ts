import type { ListenerRegistry } from '../../listener-registry';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { tellUser, type ThreadClick } from '../interaction';
import { authorizeExecution } from './authorize-execution';
import { refreshCard } from './refresh-card';

/**
 * "Execute anyway": the explicit override of blocking review-lint findings (Slack has asked for confirmation).
 * The execution service records the override and who made it in the audit trail; still sent exactly once.
 */
export function registerExecuteAnyway(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<ThreadClick>(ACTIONS.executeAnyway, async ({ ack, body, respond }) => {
    await ack();
    try {
      const { actionId, execute } = await authorizeExecution(deps, body);
      try {
        await execute(true);
      } finally {
        await refreshCard(deps, actionId, { body, respond });
      }
    } catch (error) {
      await tellUser(deps, respond, error);
    }
  });
}
