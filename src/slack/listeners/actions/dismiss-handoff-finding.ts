import type { ListenerRegistry } from '../../listener-registry';
import { dismissHandoffFinding } from '../../../services/handoff/dismiss-handoff-finding';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { showFindingDecision } from '../handoff-finding-decided';
import { actorOf, buttonValue, tellClicker, type ThreadClick } from '../interaction';

/** Dismiss on a handoff finding: nothing changes but the finding, and the clicked message shows the decision. */
export function registerDismissHandoffFinding(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<ThreadClick>(ACTIONS.findingDismiss, async ({ ack, body, respond, client }) => {
    await ack();
    const click = { body, respond, client };
    try {
      const actor = await actorOf(deps, body);
      const decision = await dismissHandoffFinding(deps.ctx, {
        organizationId: actor.organizationId,
        actor,
        findingId: buttonValue(body),
      });
      await showFindingDecision(deps, click, actor, decision, 'dismissed');
    } catch (error) {
      await tellClicker(deps, click, error);
    }
  });
}
