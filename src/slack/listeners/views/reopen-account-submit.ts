import type { App, ViewSubmitAction } from '@slack/bolt';
import { reopenAccount } from '../../../services/accounts/reopen-account';
import type { SlackDeps } from '../../deps';
import { FIELDS, VIEWS } from '../../ids';
import { refreshAccountCard } from '../account-card-refresh';
import { actorOf } from '../interaction';
import { accountStatusModalMetadata, readModalMetadata } from './modal-metadata';
import { viewFailure } from './view-failure';
import { inputValue } from './view-input';

/** Reopens the account (the service checks the admin role again); then the card shows it active. */
export function registerReopenAccountSubmit(app: App, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(VIEWS.reopenAccount, async ({ ack, body, view, client }) => {
    let done: { organizationId: string; accountId: string; responseUrl?: string };
    try {
      const meta = readModalMetadata(view, accountStatusModalMetadata);
      const actor = await actorOf(deps, body);
      const reason = inputValue(view, FIELDS.reason);
      await reopenAccount(deps.ctx, {
        organizationId: actor.organizationId,
        accountId: meta.accountId,
        actor,
        reason: reason || undefined,
      });
      done = { organizationId: actor.organizationId, accountId: meta.accountId, responseUrl: meta.responseUrl };
    } catch (error) {
      await ack(
        viewFailure(view, error, deps.logger, { title: 'Not reopened', blockOfField: { reason: FIELDS.reason } }),
      );
      return;
    }
    await ack();
    await refreshAccountCard(deps, {
      organizationId: done.organizationId,
      accountId: done.accountId,
      afterModal: { client, slackUserId: body.user.id, responseUrl: done.responseUrl },
    }).catch((error) => deps.logger.error({ err: error }, 'reopened, but the card could not be refreshed'));
  });
}
