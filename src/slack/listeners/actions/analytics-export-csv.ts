import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { ListenerRegistry } from '../../listener-registry';
import type { KnownBlock } from '@slack/types';
import { AppError } from '../../../lib/errors';
import { exportAnalyticsCsv } from '../../../services/analytics/export-analytics-csv';
import { buildAnalyticsCsvMessage } from '../../blocks/analytics';
import type { SlackDeps } from '../../deps';
import { errorText } from '../../error-text';
import { ACTIONS } from '../../ids';
import { actorOf } from '../interaction';

/**
 * Export CSV beside an analytics table: the file's signed download link goes to the clicker's DM with Thread (from
 * App Home or an ephemeral reply alike), where it stays findable; a refusal goes there too.
 */
export function registerAnalyticsExportCsv(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(ACTIONS.analyticsExportCsv, async ({ ack, body, client }) => {
    await ack();
    const dm = (message: { text: string; blocks?: KnownBlock[] }) =>
      client.chat.postMessage({ channel: body.user.id, ...message });
    try {
      const actor = await actorOf(deps, body);
      if (!deps.analytics)
        throw new AppError(
          'not_configured',
          'CSV exports need Thread’s encryption key, which this process was not given.',
        );
      const link = await exportAnalyticsCsv(deps.ctx, deps.analytics, {
        organizationId: actor.organizationId,
        actor: { userId: actor.userId },
        token: body.actions[0]?.value ?? '',
      });
      await dm(buildAnalyticsCsvMessage(link));
    } catch (error) {
      await dm({ text: errorText(error, deps.logger) });
    }
  });
}
