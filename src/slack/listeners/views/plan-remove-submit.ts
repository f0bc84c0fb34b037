import type { ViewSubmitAction } from '@slack/bolt';
import type { ListenerRegistry } from '../../listener-registry';
import { AppError } from '../../../lib/errors';
import { removePlanAction } from '../../../services/plan/remove-plan-action';
import { buildRemovedActionCard } from '../../blocks/plan';
import type { SlackDeps } from '../../deps';
import { PLAN_FIELDS as F, VIEWS } from '../../ids';
import { planField, submitPlanChange } from './plan-form';

/**
 * Removes an action from the plan. A removed draft's review card says it left the plan (its buttons would only be
 * refused now), and the plan shows what waits on what instead.
 */
export function registerPlanRemoveSubmit(app: ListenerRegistry, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(VIEWS.planRemoveAction, async (args) => {
    const reason = planField(args.view, F.reason).text;
    await submitPlanChange(deps, args, {
      title: 'Not removed',
      blockOfField: { reason: F.reason },
      run: async (actor, meta) => {
        if (!meta.id) throw new AppError('form_out_of_date', 'close it and open it again from the plan.');
        const removed = await removePlanAction(deps.ctx, {
          organizationId: actor.organizationId,
          actor,
          actionId: meta.id,
          reason: reason || undefined,
        });
        if (removed.reviewCard) {
          const card = buildRemovedActionCard(removed.name, actor.name);
          await args.client.chat
            .update({ channel: removed.reviewCard.channel, ts: removed.reviewCard.ts, ...card })
            .catch((error) => deps.logger.warn({ err: error }, 'could not mark the review card of a removed action'));
        }
        const handedOver = removed.repointed.map(
          (r) => `“${r.name}” now waits on ${r.waitsOn ? `“${r.waitsOn}”` : 'its milestone’s start'}`,
        );
        return [`Removed “${removed.name}” from the plan.`, ...handedOver].join(' ');
      },
    });
  });
}
