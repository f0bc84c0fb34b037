import type { ListenerRegistry } from '../../listener-registry';
import { buildHelp } from '../../blocks/help';
import type { SlackMessage } from '../../blocks/slack-message';
import { safe } from '../../blocks/text';
import { accountsCommand } from '../../subcommands/accounts-command';
import { analyticsCommand } from '../../subcommands/analytics-command';
import { openNewAccount } from '../../subcommands/open-new-account';
import { helpAudience, openPeople, openSettings } from '../../subcommands/admin-commands';
import { parseCommand } from '../../subcommands/parse-command';
import { resolveAccount } from '../../subcommands/resolve-account';
import { showAccountView } from '../../subcommands/show-account';
import type { SlackDeps } from '../../deps';
import { errorText } from '../../error-text';
import { COMMAND } from '../../ids';

const VIEWS = {
  account: 'account',
  timeline: 'timeline',
  review: 'review',
  plan: 'plan',
  handoff: 'handoff',
  metrics: 'metrics',
} as const;
/** Subcommands that open a modal (or say why not): settings and people. */
const MODALS = { settings: openSettings, people: openPeople } as const;

/**
 * `/thread`. Help is answered in the acknowledgement itself; everything that reads the database acknowledges first
 * and answers through the response URL, so Slack's 3 seconds are never at risk.
 */
export function registerThreadCommand(app: ListenerRegistry, deps: SlackDeps): void {
  app.command(COMMAND, async ({ command, ack, respond, client }) => {
    const { sub, rest } = parseCommand(command.text ?? '');
    const view = VIEWS[sub as keyof typeof VIEWS];
    const modal = MODALS[sub as keyof typeof MODALS];
    if (sub !== 'accounts' && sub !== 'analytics' && sub !== 'new' && !view && !modal) {
      // Echoed back escaped, so a typo like "<!channel>" cannot ping anyone even in an ephemeral reply.
      const problem = sub === '' || sub === 'help' ? undefined : `I don't know "${safe(sub, 80)}".`;
      const who = { user: { id: command.user_id }, team: { id: command.team_id } };
      await ack({ response_type: 'ephemeral', ...buildHelp(problem, await helpAudience(deps, who)) });
      return;
    }
    await ack();
    const reply = (m: SlackMessage) =>
      respond({ response_type: 'ephemeral', replace_original: false, text: m.text, blocks: m.blocks });
    try {
      const actor = await deps.workspace.actor({
        slackUserId: command.user_id,
        teamId: command.team_id,
        enterpriseId: command.enterprise_id,
      });
      if (sub === 'new') {
        // The trigger id lives 3 seconds: the modal opens straight after the acknowledgement and one template query.
        const instead = await openNewAccount(deps, actor, (view) =>
          client.views.open({ trigger_id: command.trigger_id, view }),
        );
        if (instead) await reply(instead);
        return;
      }
      if (modal) {
        const instead = await modal(deps, actor, (view) => client.views.open({ trigger_id: command.trigger_id, view }));
        if (instead) await reply(instead);
        return;
      }
      if (sub === 'accounts') {
        await reply(await accountsCommand(deps, actor, rest));
        return;
      }
      if (sub === 'analytics') {
        await reply(await analyticsCommand(deps, actor, rest));
        return;
      }
      const purpose = view!;
      // Without an account, both list the person's own: drafts to review, or their accounts' key figures.
      if ((purpose === 'review' || purpose === 'metrics') && rest === '') {
        await reply(await showAccountView(deps, actor, purpose));
        return;
      }
      const found = await resolveAccount(deps, actor, rest, purpose);
      await reply('message' in found ? found.message : await showAccountView(deps, actor, purpose, found.accountId));
    } catch (error) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: errorText(error, deps.logger) });
    }
  });
}
