import type { ListenerRegistry } from '../../listener-registry';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { tellUser, type ThreadClick } from '../interaction';
import { authorizeExecution } from './authorize-execution';
import { refreshCard } from './refresh-card';

/**
 * Execute hands over to the execution service, which claims the action atomically (a double click or a retry
 * finds it taken) and sends exactly once; this listener only checks who may, and refreshes the card.
 */
export function registerExecute(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<ThreadClick>(ACTIONS.execute, async ({ ack, body, respond }) => {
    await ack();
    try {
      const { actionId, execute } = await authorizeExecution(deps, body);
      try {
        await execute(false);
      } finally {
        // Sent or failed, the card shows what happened.
        await refreshCard(deps, actionId, { body, respond });
      }
    } catch (error) {
      await tellUser(deps, respond, error);
    }
  });
}
