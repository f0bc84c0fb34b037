import type { ListenerRegistry } from '../../listener-registry';
import { previewMilestoneChange } from '../../../services/milestones/preview-milestone-change';
import { checkPermission } from '../../../services/permissions/check-permission';
import { buildMilestoneModal, type MilestoneChange } from '../../blocks/modals';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { actorOf, buttonValue, tellUser, type ThreadClick } from '../interaction';

const CHANGE_OF: Record<string, MilestoneChange> = {
  [ACTIONS.milestoneStart]: 'start',
  [ACTIONS.milestoneComplete]: 'complete',
  [ACTIONS.milestoneBlock]: 'block',
  [ACTIONS.milestoneUnblock]: 'unblock',
};

/** Start / Complete / Block / Unblock buttons (account card, timeline): one modal builder, four changes. */
export function registerOpenMilestoneModal(app: ListenerRegistry, deps: SlackDeps): void {
  const ids = new RegExp(`^(${Object.keys(CHANGE_OF).join('|')})$`);
  app.action<ThreadClick>(ids, async ({ ack, body, respond, client, action }) => {
    await ack();
    try {
      const change = CHANGE_OF[action.action_id]!;
      const actor = await actorOf(deps, body);
      const milestoneId = buttonValue(body);
      await checkPermission(deps.ctx, {
        organizationId: actor.organizationId,
        actor,
        target: { milestoneId },
        doing: `${change} milestones`,
      });
      const preview = await previewMilestoneChange(deps.ctx, { organizationId: actor.organizationId, milestoneId });
      await client.views.open({
        trigger_id: body.trigger_id,
        view: buildMilestoneModal(change, preview),
      });
    } catch (error) {
      await tellUser(deps, respond, error);
    }
  });
}
