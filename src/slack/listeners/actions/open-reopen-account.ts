import type { ListenerRegistry } from '../../listener-registry';
import { getAccountOverview } from '../../../services/accounts/get-account-overview';
import { assertCapability } from '../../../services/people/acting-person';
import { buildReopenAccountModal } from '../../blocks/account-status-modals';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { actorOf, buttonValue, tellUser, type ThreadClick } from '../interaction';

/** Reopen on the account card: a modal with an optional reason. Only admins reopen; others are told at the click. */
export function registerOpenReopenAccount(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<ThreadClick>(ACTIONS.reopenAccount, async ({ ack, body, respond, client }) => {
    await ack();
    try {
      const actor = await actorOf(deps, body);
      // The role was just read from the database; reopenAccount checks it again when the modal is submitted.
      assertCapability({ ...actor, auditActor: actor.userId }, 'manage_any_account', 'reopen an account');
      const a = await getAccountOverview(deps.ctx, {
        organizationId: actor.organizationId,
        accountId: buttonValue(body),
      });
      await client.views.open({
        trigger_id: body.trigger_id,
        view: buildReopenAccountModal({
          accountId: a.id,
          accountName: a.name,
          status: a.status,
          liveSince: a.live?.since ?? null,
          responseUrl: body.response_url,
        }),
      });
    } catch (error) {
      await tellUser(deps, respond, error);
    }
  });
}
