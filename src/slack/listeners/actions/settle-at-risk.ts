import type { ListenerRegistry } from '../../listener-registry';
import { clearAtRisk } from '../../../services/accounts/clear-at-risk';
import { confirmRiskSuggestion } from '../../../services/accounts/confirm-risk-suggestion';
import { dismissRiskSuggestion } from '../../../services/accounts/dismiss-risk-suggestion';
import { ACCOUNT_CARD_MARKER } from '../../blocks/account-card';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { refreshAccountCard } from '../account-card-refresh';
import { actorOf, buttonValue, tellClicker, type ThreadClick } from '../interaction';

const SERVICE_OF = {
  [ACTIONS.riskConfirm]: confirmRiskSuggestion,
  [ACTIONS.riskDismiss]: dismissRiskSuggestion,
  [ACTIONS.backOnTrack]: clearAtRisk,
} as const;

function isSettlement(id: string): id is keyof typeof SERVICE_OF {
  return id in SERVICE_OF;
}

/** The account card is an ephemeral reply (or the card posted after `/thread new`, which carries the marker). */
function clickedOnCard(body: ThreadClick): boolean {
  if (body.container.is_ephemeral === true) return true;
  return (body.message?.blocks ?? []).some((b: { block_id?: string }) => b.block_id === ACCOUNT_CARD_MARKER);
}

/**
 * Confirm at risk, Dismiss and Back on track, wherever they are shown. On the account card the card is shown again
 * in place; from the daily digest the fresh card comes as a reply beside it; App Home is republished for everyone
 * who sees the account either way.
 */
export function registerSettleAtRisk(app: ListenerRegistry, deps: SlackDeps): void {
  const ids = new RegExp(`^(${Object.keys(SERVICE_OF).join('|')})$`);
  app.action<ThreadClick>(ids, async ({ ack, body, respond, action, client }) => {
    await ack();
    try {
      if (!isSettlement(action.action_id)) return;
      const actor = await actorOf(deps, body);
      const accountId = buttonValue(body);
      await SERVICE_OF[action.action_id](deps.ctx, { organizationId: actor.organizationId, accountId, actor });
      await refreshAccountCard(deps, {
        organizationId: actor.organizationId,
        accountId,
        respond: body.response_url ? { fn: respond, replace: clickedOnCard(body) } : undefined,
      });
    } catch (error) {
      await tellClicker(deps, { body, respond, client }, error);
    }
  });
}
