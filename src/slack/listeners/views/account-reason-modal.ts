import type { ViewSubmitAction } from '@slack/bolt';
import type { ListenerRegistry } from '../../listener-registry';
import type { SlackActor } from '../../../services/users/resolve-slack-actor';
import type { SlackDeps } from '../../deps';
import { FIELDS } from '../../ids';
import { refreshAccountCard } from '../account-card-refresh';
import { actorOf } from '../interaction';
import { accountStatusModalMetadata, readModalMetadata } from './modal-metadata';
import { viewFailure } from './view-failure';
import { inputValue } from './view-input';

/**
 * A modal that changes an account's course with a reason (start the plan without the handoff, mark churned,
 * reopen): the service checks who and why; a refusal comes back under the reason, so what was typed is kept; once
 * done, the account card the modal was opened from is shown again.
 */
export function registerAccountReasonModal(
  app: ListenerRegistry,
  deps: SlackDeps,
  o: {
    callbackId: string;
    /** The modal's title when the change is refused ("Not started"). */
    refusedTitle: string;
    /** Logged when the card cannot be shown again ("plan started"). */
    doneWords: string;
    change: (c: { actor: SlackActor; accountId: string; reason: string }) => Promise<unknown>;
  },
): void {
  app.view<ViewSubmitAction>(o.callbackId, async ({ ack, body, view, client }) => {
    let done: { organizationId: string; accountId: string; responseUrl?: string };
    try {
      const meta = readModalMetadata(view, accountStatusModalMetadata);
      const actor = await actorOf(deps, body);
      await o.change({ actor, accountId: meta.accountId, reason: inputValue(view, FIELDS.reason) });
      done = { organizationId: actor.organizationId, accountId: meta.accountId, responseUrl: meta.responseUrl };
    } catch (error) {
      await ack(
        viewFailure(view, error, deps.logger, { title: o.refusedTitle, blockOfField: { reason: FIELDS.reason } }),
      );
      return;
    }
    await ack();
    await refreshAccountCard(deps, {
      organizationId: done.organizationId,
      accountId: done.accountId,
      afterModal: { client, slackUserId: body.user.id, responseUrl: done.responseUrl },
    }).catch((error) => deps.logger.error({ err: error }, `${o.doneWords}, but the card could not be refreshed`));
  });
}
