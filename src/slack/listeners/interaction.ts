/** Small pieces every button and modal listener shares: who clicked, what they clicked, and how to show a refusal. */
import type { BlockAction, ButtonAction, RespondFn, StaticSelectAction } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { isAppError } from '../../lib/errors';
import type { SlackActor } from '../../services/users/resolve-slack-actor';
import { buildRefusalWithReplyToButton } from '../blocks/reply-to-email';
import type { SlackDeps } from '../deps';
import { errorText } from '../error-text';
import { originOf, type RequestOrigin } from '../workspace';

/** A click on one of Thread's buttons, or a pick in one of its selects (the account picker). */
export type ThreadClick = BlockAction<ButtonAction | StaticSelectAction>;

/**
 * The person behind a click, a modal or an event, in the organisation of the workspace it came from: the first person
 * becomes its admin, people nobody added are refused naming the admins, and a day-old profile is read from Slack.
 */
export function actorOf(
  deps: SlackDeps,
  body: { user: { id: string; team_id?: string | null } } & Omit<RequestOrigin, 'user'>,
): Promise<SlackActor> {
  return deps.workspace.actor({ slackUserId: body.user.id, ...originOf(body) });
}

/** Whose reply-to address a "not configured" refusal of customer email is about (getCustomerEmailSender). */
const missingReplyToSchema = z.object({ userId: z.string().min(1) });

/**
 * A refusal or failure, shown only to the person who clicked. A customer email refused because the CSM has no
 * address customers could reply to carries the button that asks for it.
 */
export async function tellUser(deps: SlackDeps, respond: RespondFn, error: unknown): Promise<void> {
  const text = errorText(error, deps.logger);
  const missing =
    isAppError(error) && error.fields.some((f) => f.field === 'replyToEmail')
      ? missingReplyToSchema.safeParse(error.details)
      : undefined;
  if (missing?.success) {
    const message = buildRefusalWithReplyToButton(text, missing.data.userId);
    await respond({ response_type: 'ephemeral', replace_original: false, ...message });
    return;
  }
  await respond({ response_type: 'ephemeral', replace_original: false, text });
}

/** Where a click came from, and the two ways to answer the person who clicked. */
export interface Click {
  body: BlockAction;
  respond: RespondFn;
  client: WebClient;
}

/**
 * A message only the person who clicked sees: an ephemeral reply beside the message when the click has a response
 * URL, a direct message from Thread when it has none (App Home, a modal).
 */
export async function answerClicker(click: Click, message: { text: string; blocks?: KnownBlock[] }): Promise<void> {
  if (click.body.response_url) await click.respond({ response_type: 'ephemeral', replace_original: false, ...message });
  else await click.client.chat.postMessage({ channel: click.body.user.id, ...message });
}

/** A refusal or failure of a click, wherever the button was (see answerClicker). */
export async function tellClicker(deps: SlackDeps, click: Click, error: unknown): Promise<void> {
  if (click.body.response_url) await tellUser(deps, click.respond, error);
  else await answerClicker(click, { text: errorText(error, deps.logger) });
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
