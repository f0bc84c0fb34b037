import type { ListenerRegistry } from '../../listener-registry';
import { startActionNow } from '../../../services/plan/start-action-now';
import { buildActionStarted } from '../../blocks/action-started';
import type { SlackDeps } from '../../deps';
import { START_ACTION_NOW } from '../../ids';
import { actorOf, answerClicker, buttonValue, tellClicker, type ThreadClick } from '../interaction';

/**
 * "Start now" on a manual action, wherever the button is: the review queue, the plan, a modal or App Home. The
 * service checks who may (the account's CSM or an admin) and makes it due now; the next scheduler tick drafts it
 * and posts its review card. The answer goes only to the person who clicked: an ephemeral reply where the click
 * has a response URL, a direct message from Thread where it has none (a modal, App Home).
 */
export function registerStartActionNow(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<ThreadClick>(START_ACTION_NOW, async ({ ack, body, respond, client }) => {
    await ack();
    try {
      const actor = await actorOf(deps, body);
      const started = await startActionNow(deps.ctx, {
        organizationId: actor.organizationId,
        actor: { userId: actor.userId },
        actionId: buttonValue(body),
      });
      const message = buildActionStarted(started);
      await answerClicker({ body, respond, client }, message);
    } catch (error) {
      await tellClicker(deps, { body, respond, client }, error);
    }
  });
}
