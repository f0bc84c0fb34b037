import type { ViewOutput, ViewSubmitAction } from '@slack/bolt';
import type { ListenerRegistry } from '../../listener-registry';
import { z } from 'zod';
import { setAccountChannels } from '../../../services/accounts/set-account-channels';
import { assertChannelsUsable } from '../../channels/check-channel';
import type { SlackDeps } from '../../deps';
import { ACCOUNT_CHANNEL_FIELDS as F, VIEWS } from '../../ids';
import { refreshAccountCard } from '../account-card-refresh';
import { actorOf } from '../interaction';
import { readModalMetadata } from './modal-metadata';
import { viewFailure } from './view-failure';

const metadataSchema = z.object({
  accountId: z.string().min(1),
  responseUrl: z.url({ protocol: /^https?$/ }).optional(),
});

/** The channel a conversations_select holds, or null when it was left empty. */
function chosen(view: Pick<ViewOutput, 'state'>, id: string): string | null {
  return view.state.values[id]?.[id]?.selected_conversation ?? null;
}

/**
 * Saves the account's channels. Each chosen channel is first asked of Slack: one Thread is not in (or cannot see)
 * is refused under its field with how to invite the bot, and nothing is saved. Then the card shows the channels.
 */
export function registerAccountChannelsSubmit(app: ListenerRegistry, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(VIEWS.accountChannels, async ({ ack, body, view, client }) => {
    const csmChannelId = chosen(view, F.csmChannel);
    const customerChannelId = chosen(view, F.customerChannel);
    let meta: z.output<typeof metadataSchema>;
    let organizationId: string;
    try {
      meta = readModalMetadata(view, metadataSchema);
      await assertChannelsUsable(client, [
        ['csmChannelId', csmChannelId],
        ['customerChannelId', customerChannelId],
      ]);
      const actor = await actorOf(deps, body);
      organizationId = actor.organizationId;
      await setAccountChannels(deps.ctx, {
        organizationId,
        actor,
        accountId: meta.accountId,
        csmChannelId,
        customerChannelId,
      });
    } catch (error) {
      await ack(
        viewFailure(view, error, deps.logger, {
          title: 'Not saved',
          blockOfField: { csmChannelId: F.csmChannel, customerChannelId: F.customerChannel },
        }),
      );
      return;
    }
    await ack();
    await refreshAccountCard(deps, {
      organizationId,
      accountId: meta.accountId,
      afterModal: { client, slackUserId: body.user.id, responseUrl: meta.responseUrl },
    }).catch((error) => deps.logger.error({ err: error }, 'channels saved, but the card could not be refreshed'));
  });
}
