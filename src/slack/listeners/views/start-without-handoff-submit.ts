import type { App, ViewSubmitAction } from '@slack/bolt';
import { startPlanWithoutHandoff } from '../../../services/handoff/start-plan-without-handoff';
import type { SlackDeps } from '../../deps';
import { FIELDS, VIEWS } from '../../ids';
import { refreshAccountCard } from '../account-card-refresh';
import { actorOf } from '../interaction';
import { accountStatusModalMetadata, readModalMetadata } from './modal-metadata';
import { viewFailure } from './view-failure';
import { inputValue } from './view-input';

/** Starts the plan without the handoff (the service checks who and why); then the card shows it started. */
export function registerStartWithoutHandoffSubmit(app: App, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(VIEWS.handoffStartAnyway, async ({ ack, body, view, client }) => {
    let done: { organizationId: string; accountId: string; responseUrl?: string };
    try {
      const meta = readModalMetadata(view, accountStatusModalMetadata);
      const actor = await actorOf(deps, body);
      await startPlanWithoutHandoff(deps.ctx, {
        organizationId: actor.organizationId,
        accountId: meta.accountId,
        actor,
        reason: inputValue(view, FIELDS.reason),
      });
      done = { organizationId: actor.organizationId, accountId: meta.accountId, responseUrl: meta.responseUrl };
    } catch (error) {
      await ack(
        viewFailure(view, error, deps.logger, { title: 'Not started', blockOfField: { reason: FIELDS.reason } }),
      );
      return;
    }
    await ack();
    await refreshAccountCard(deps, {
      organizationId: done.organizationId,
      accountId: done.accountId,
      afterModal: { client, slackUserId: body.user.id, responseUrl: done.responseUrl },
    }).catch((error) => deps.logger.error({ err: error }, 'plan started, but the card could not be refreshed'));
  });
}
