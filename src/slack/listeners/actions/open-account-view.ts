import type { ListenerRegistry } from '../../listener-registry';
import type { SlackDeps } from '../../deps';
import { showAccountView, type AccountView } from '../../subcommands/show-account';
import { ACTIONS } from '../../ids';
import { actorOf, buttonValue, tellUser, type ThreadClick } from '../interaction';

/** The Timeline, Metrics, Plan, Handoff summary and Review drafts buttons, and the pick list after an ambiguous name: each shows an account view. */
export function registerOpenAccountView(app: ListenerRegistry, deps: SlackDeps): void {
  const ids = new RegExp(
    `^(${[ACTIONS.openTimeline, ACTIONS.openAccountMetrics, ACTIONS.openPlan, ACTIONS.openReview, ACTIONS.openHandoff, ACTIONS.pickAccount].join('|')})$`,
  );
  app.action<ThreadClick>(ids, async ({ ack, body, respond, action }) => {
    await ack();
    try {
      const actor = await actorOf(deps, body);
      const id = action.action_id;
      const value = buttonValue(body);
      let view: AccountView;
      let accountId = value;
      if (id === ACTIONS.pickAccount) {
        const [purpose, picked] = value.split(':');
        view =
          purpose === 'timeline' ||
          purpose === 'review' ||
          purpose === 'plan' ||
          purpose === 'handoff' ||
          purpose === 'metrics'
            ? purpose
            : 'account';
        accountId = picked ?? '';
      } else {
        view =
          id === ACTIONS.openTimeline
            ? 'timeline'
            : id === ACTIONS.openAccountMetrics
              ? 'metrics'
              : id === ACTIONS.openPlan
                ? 'plan'
                : id === ACTIONS.openHandoff
                  ? 'handoff'
                  : 'review';
      }
      const message = await showAccountView(deps, actor, view, accountId);
      await respond({
        response_type: 'ephemeral',
        replace_original: id === ACTIONS.pickAccount,
        text: message.text,
        blocks: message.blocks,
      });
    } catch (error) {
      await tellUser(deps, respond, error);
    }
  });
}
