import type { ViewSubmitAction } from '@slack/bolt';
import type { ListenerRegistry } from '../../listener-registry';
import { createAccount } from '../../../services/accounts/create-account';
import { getAccountOverview } from '../../../services/accounts/get-account-overview';
import { openHandoff } from '../../../services/handoff/open-handoff';
import { assertCanCreateAccounts } from '../../../services/permissions/assert-can-create-accounts';
import { buildAccountCard } from '../../blocks/account-card';
import { mrkdwnSection, safe } from '../../blocks/text';
import { assertChannelsUsable } from '../../channels/check-channel';
import type { SlackDeps } from '../../deps';
import { VIEWS } from '../../ids';
import { actorOf } from '../interaction';
import { NEW_ACCOUNT_BLOCK_OF_FIELD, readNewAccountInput } from './new-account-input';
import { viewFailure } from './view-failure';

/**
 * Creates the account (its plan instantiated from the template) from the `/thread new` modal. Field problems come
 * back inline so nothing typed is lost; anything else replaces the modal with the reason. On success the modal
 * closes and the creator gets the account card as a DM from Thread. When the AE hands it over first, the account waits
 * for the handoff and the AE is asked for it (openHandoff).
 */
export function registerNewAccountSubmit(app: ListenerRegistry, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(VIEWS.newAccount, async ({ ack, body, view, client }) => {
    const { input, errors } = readNewAccountInput(view);
    if (Object.keys(errors).length) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    let created: Awaited<ReturnType<typeof createAccount>>;
    let actor: Awaited<ReturnType<typeof actorOf>>;
    try {
      actor = await actorOf(deps, body);
      assertCanCreateAccounts(actor);
      // Thread must be able to post in each chosen channel before the account is created with it: review cards go to
      // the CSM channel, Slack-message actions to the customer channel.
      await assertChannelsUsable(client, [
        ['csmChannelId', input.csmChannelId],
        ['customerChannelId', input.customerChannelId],
      ]);
      created = await createAccount(deps.ctx, { ...input, organizationId: actor.organizationId, actor });
    } catch (error) {
      // createAccount names its inputs; each problem goes under the field that holds it, or, when one has no field,
      // the whole refusal replaces the modal.
      await ack(
        viewFailure(view, error, deps.logger, { title: 'Not created', blockOfField: NEW_ACCOUNT_BLOCK_OF_FIELD }),
      );
      return;
    }
    await ack();
    try {
      const card = buildAccountCard(
        await getAccountOverview(deps.ctx, { organizationId: actor.organizationId, accountId: created.id }),
      );
      const plan = input.pendingHandoff
        ? `planned kickoff ${created.kickoffDate} and go-live ${created.goLiveDate}; the plan starts when the AE’s handoff is in.`
        : `kickoff ${created.kickoffDate}, go-live planned ${created.goLiveDate}.`;
      const summary = `:white_check_mark: Created *${safe(created.name, 200)}* from *${safe(input.templateName, 200)}*: ${created.milestones} milestones and ${created.actions} actions, ${plan}`;
      await client.chat.postMessage({
        channel: actor.slackUserId,
        text: `Created ${created.name}`,
        blocks: [mrkdwnSection(summary), ...card.blocks],
        unfurl_links: false,
      });
      await deps.notifier.accountChanged(created.id);
    } catch (error) {
      deps.logger.error(
        { err: error, accountId: created.id },
        'account created, but the confirmation could not be sent',
      );
    }
    if (!input.pendingHandoff) return;
    // The AE is asked now (a DM in Slack, or the web form's link by email), whether or not the confirmation went out;
    // the account's CSM hears how. A refusal here leaves the account waiting, which its card says, with Fill in.
    await openHandoff(
      deps.ctx,
      { notifier: deps.notifier, mailer: deps.workflows.mailer?.(), publicUrl: deps.publicUrl },
      { organizationId: actor.organizationId, accountId: created.id, actor },
    ).catch((error: unknown) =>
      deps.logger.error({ err: error, accountId: created.id }, 'account created, but the AE could not be asked'),
    );
  });
}
