import type { ListenerRegistry } from '../../listener-registry';
import { acceptHandoffFinding } from '../../../services/handoff/accept-handoff-finding';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { showFindingDecision } from '../handoff-finding-decided';
import { actorOf, buttonValue, tellClicker, type ThreadClick } from '../interaction';

/** Accept on a handoff finding: its fix is applied and the findings in the clicked message show the decision. */
export function registerAcceptHandoffFinding(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<ThreadClick>(ACTIONS.findingAccept, async ({ ack, body, respond, client }) => {
    await ack();
    const click = { body, respond, client };
    try {
      const actor = await actorOf(deps, body);
      const decision = await acceptHandoffFinding(deps.ctx, {
        organizationId: actor.organizationId,
        actor,
        findingId: buttonValue(body),
      });
      await showFindingDecision(deps, click, actor, decision, 'accepted');
    } catch (error) {
      await tellClicker(deps, click, error);
    }
  });
}
