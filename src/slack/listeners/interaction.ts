/** Small pieces every button and modal listener shares: who clicked, and how to show them a refusal. */
import type { RespondFn } from '@slack/bolt';
import { resolveSlackActor, type SlackActor } from '../../services/users/resolve-slack-actor';
import type { SlackDeps } from '../deps';
import { errorText } from '../error-text';

export function actorOf(deps: SlackDeps, body: { user: { id: string } }): Promise<SlackActor> {
  return resolveSlackActor(deps.ctx, { slackUserId: body.user.id });
}

/** A refusal or failure, shown only to the person who clicked. */
export async function tellUser(deps: SlackDeps, respond: RespondFn, error: unknown): Promise<void> {
  await respond({ response_type: 'ephemeral', replace_original: false, text: errorText(error, deps.logger) });
}

export function buttonValue(body: unknown): string {
  const action = (body as { actions?: { value?: string; selected_option?: { value?: string } }[] }).actions?.[0];
  return action?.value ?? action?.selected_option?.value ?? '';
}
