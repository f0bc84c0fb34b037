import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps';
import { originOf, type RequestOrigin } from '../workspace';

/** What a person in another workspace is told: nothing about this deployment or whom it serves. */
export const OTHER_WORKSPACE_REFUSAL = ':warning: Thread is not available here.';

/**
 * Single-workspace mode serves only the bot's own team: a command, click, modal or event from any other team is
 * acknowledged and refused before a listener, the event de-duplication or the database sees it.
 */
export function registerOnlyOwnWorkspace(app: App, deps: SlackDeps): void {
  app.use(async (args) => {
    const body: RequestOrigin = args.body;
    const { teamId } = originOf(body);
    if (await deps.workspace.serves(teamId)) return args.next();
    deps.logger.warn({ teamId }, 'refused a Slack request from a workspace this Thread does not serve');
    if ('command' in args) {
      await args.ack({ response_type: 'ephemeral', text: OTHER_WORKSPACE_REFUSAL });
      return;
    }
    if ('ack' in args && args.ack) await args.ack();
  });
}
