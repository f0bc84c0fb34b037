import type { App } from '@slack/bolt';
import { checkPermission } from '../../../services/permissions/check-permission';
import { getReviewCard } from '../../../services/review/get-review-card';
import { buildEditDraftModal } from '../../blocks/modals';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { actorOf, buttonValue, tellUser } from '../interaction';

export function registerOpenEdit(app: App, deps: SlackDeps): void {
  app.action(ACTIONS.edit, async ({ ack, body, respond, client }) => {
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
      const responseUrl = (body as { response_url?: string }).response_url;
      await client.views.open({
        trigger_id: (body as { trigger_id: string }).trigger_id,
        view: buildEditDraftModal(card, responseUrl) as never,
      });
    } catch (error) {
      await tellUser(deps, respond, error);
    }
  });
}
