import type { ListenerRegistry } from '../../listener-registry';
import { checkPermission } from '../../../services/permissions/check-permission';
import { getReviewCard } from '../../../services/review/get-review-card';
import { buildEditDraftModal } from '../../blocks/modals';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { actorOf, buttonValue, tellUser, type ThreadClick } from '../interaction';

export function registerOpenEdit(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<ThreadClick>(ACTIONS.edit, async ({ ack, body, respond, client }) => {
    await ack();
    try {
      const actor = await actorOf(deps, body);
      const actionId = buttonValue(body);
      await checkPermission(deps.ctx, {
        organizationId: actor.organizationId,
        actor,
        target: { actionId },
        doing: 'edit drafts',
      });
      const card = await getReviewCard(deps.ctx, { actionId });
      const responseUrl = body.response_url;
      await client.views.open({
        trigger_id: body.trigger_id,
        view: buildEditDraftModal(card, responseUrl),
      });
    } catch (error) {
      await tellUser(deps, respond, error);
    }
  });
}
