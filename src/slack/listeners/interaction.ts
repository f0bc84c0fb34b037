/** Small pieces every button and modal listener shares: who clicked, what they clicked, and how to show a refusal. */
import type { BlockAction, ButtonAction, RespondFn, StaticSelectAction } from '@slack/bolt';
import { resolveSlackActor, type SlackActor } from '../../services/users/resolve-slack-actor';
import type { SlackDeps } from '../deps';
import { errorText } from '../error-text';

/** A click on one of Thread's buttons, or a pick in one of its selects (the account picker). */
export type ThreadClick = BlockAction<ButtonAction | StaticSelectAction>;

export function actorOf(deps: SlackDeps, body: { user: { id: string } }): Promise<SlackActor> {
  return resolveSlackActor(deps.ctx, { slackUserId: body.user.id });
}

/** A refusal or failure, shown only to the person who clicked. */
export async function tellUser(deps: SlackDeps, respond: RespondFn, error: unknown): Promise<void> {
  await respond({ response_type: 'ephemeral', replace_original: false, text: errorText(error, deps.logger) });
}

/** The clicked button's value, or the picked option's; '' when there is none. */
export function buttonValue(body: ThreadClick): string {
  const action = body.actions[0];
  if (!action) return '';
  return action.type === 'button' ? (action.value ?? '') : action.selected_option.value;
}

/** The message the click came from, when it was on one (not in a modal or the Home tab). */
export function clickedMessage(body: BlockAction): { channel: string; ts: string } | null {
  const { channel_id: channel, message_ts: ts } = body.container;
  return typeof channel === 'string' && typeof ts === 'string' ? { channel, ts } : null;
}
