import type { SlackDeps } from '../deps';
import { ACTIONS, VIEWS } from '../ids';
import { installedOriginOf, originOf, type InstalledOrigin, type RequestOrigin } from '../workspace';
import type { SlackStep } from './step';

/** What a person in another workspace is told: nothing about this deployment or whom it serves. */
export const OTHER_WORKSPACE_REFUSAL = ':warning: Thread is not available here.';

/** The clicks people of a customer's workspace make in an account's shared channel, and the modal they submit. */
const SHARED_CHANNEL_ACTIONS: readonly string[] = [ACTIONS.answerHere, ACTIONS.openPortal];
const SHARED_CHANNEL_VIEWS: readonly string[] = [VIEWS.answerForm];

type Interaction = InstalledOrigin & {
  actions?: { action_id?: string }[];
  view?: InstalledOrigin['view'] & { callback_id?: string };
};

/**
 * A shared-channel interaction: one of the buttons on a portal request in a customer channel, or the modal they
 * open. Its clicker may belong to another workspace (Slack Connect), so its organisation is the one Thread is
 * installed in, never the clicker's team; who may answer is the services' check.
 */
function isSharedChannelInteraction(body: Interaction): boolean {
  if (body.type === 'block_actions')
    return (body.actions ?? []).length === 1 && SHARED_CHANNEL_ACTIONS.includes(body.actions?.[0]?.action_id ?? '');
  if (body.type === 'view_submission') return SHARED_CHANNEL_VIEWS.includes(body.view?.callback_id ?? '');
  return false;
}

/**
 * Single-workspace mode serves only the bot's own team: a command, click, modal or event from any other team is
 * acknowledged and refused before a listener, the event de-duplication or the database sees it. The shared-channel
 * interactions are judged by the workspace Thread is installed in instead, so a customer's click gets through.
 */
export function onlyOwnWorkspace(deps: SlackDeps): SlackStep {
  return async (args, next) => {
    const body = args.body as RequestOrigin & Interaction;
    const { teamId } = isSharedChannelInteraction(body) ? installedOriginOf(body) : originOf(body);
    if (await deps.workspace.serves(teamId)) return next();
    deps.logger.warn({ teamId }, 'refused a Slack request from a workspace this Thread does not serve');
    if ('command' in args) {
      await args.ack({ response_type: 'ephemeral', text: OTHER_WORKSPACE_REFUSAL });
      return;
    }
    if ('ack' in args && args.ack) await args.ack();
  };
}
