import type { BlockAction, ButtonAction, StaticSelectAction } from '@slack/bolt';
import type { ListenerRegistry } from '../../listener-registry';
import type { WebClient } from '@slack/web-api';
import { ANALYTICS_SECTIONS } from '../../../domain/analytics';
import { can } from '../../../domain/roles';
import { getAnalyticsSection } from '../../../services/analytics/get-analytics-section';
import { buildAnalyticsHome, pendingSlots } from '../../blocks/analytics';
import { buildRefusalModal } from '../../blocks/refusal-modal';
import type { SlackDeps } from '../../deps';
import { errorText } from '../../error-text';
import { ACTIONS } from '../../ids';
import { analyticsRefusal } from '../../subcommands/analytics-command';
import { actorOf } from '../interaction';

/**
 * The Home tab as the analytics for `period` (the last 90 days unless picked), published again as each section is
 * computed. A refusal or failure opens as a small modal: the Home tab has no reply channel.
 */
async function publishAnalytics(
  deps: SlackDeps,
  client: WebClient,
  body: BlockAction,
  period: string | undefined,
): Promise<void> {
  const refuse = (text: string) =>
    client.views.open({ trigger_id: body.trigger_id, view: buildRefusalModal('Analytics', text) });
  try {
    const actor = await actorOf(deps, body);
    if (!can(actor.role, 'view_analytics')) {
      await refuse((await analyticsRefusal(deps, actor)).text);
      return;
    }
    const slots = pendingSlots();
    let asOf: Date | undefined;
    for (const [i, section] of ANALYTICS_SECTIONS.entries()) {
      const view = await getAnalyticsSection(deps.ctx, deps.analytics, {
        organizationId: actor.organizationId,
        actor: { userId: actor.userId },
        section,
        // Every section counts for the moment the first one did.
        filters: { period, ...(asOf ? { asOf } : {}) },
      });
      asOf ??= view.asOf;
      slots[i] = view;
      await client.views.publish({ user_id: body.user.id, view: buildAnalyticsHome({ slots }) });
    }
  } catch (error) {
    await refuse(errorText(error, deps.logger));
  }
}

/**
 * App Home → Analytics (leaders): the Home tab becomes the analytics, published again as each section is computed,
 * so the first chart shows without waiting for the others; the period select computes it again for another period.
 * Back to my day puts the daily Home back.
 */
export function registerAnalyticsHome(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(ACTIONS.homeOpenAnalytics, async ({ ack, body, client }) => {
    await ack();
    await publishAnalytics(deps, client, body, undefined);
  });

  app.action<BlockAction<StaticSelectAction>>(ACTIONS.analyticsPeriod, async ({ ack, body, action, client }) => {
    await ack();
    await publishAnalytics(deps, client, body, action.selected_option.value);
  });

  app.action<BlockAction<ButtonAction>>(ACTIONS.homeCloseAnalytics, async ({ ack, body, client }) => {
    await ack();
    try {
      const actor = await actorOf(deps, body);
      await deps.notifier.publishHome(actor.organizationId, actor.userId, actor.slackUserId);
    } catch (error) {
      await client.views.open({
        trigger_id: body.trigger_id,
        view: buildRefusalModal('Analytics', errorText(error, deps.logger)),
      });
    }
  });
}
