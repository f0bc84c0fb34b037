import type { WebClient } from '@slack/web-api';
import type { SlackMessage } from '../../blocks/slack-message';
import type { SlackDeps } from '../../deps';

/**
 * A modal's result, shown to the person who opened it: beside (or, with replaceOriginal, instead of) the ephemeral
 * message the button was on (its response_url, kept in the modal's metadata), or as a DM from the app when there is
 * none or it has expired.
 */
export async function replyAfterModal(
  deps: SlackDeps,
  client: WebClient,
  to: { slackUserId: string; responseUrl?: string; replaceOriginal?: boolean },
  message: SlackMessage,
): Promise<void> {
  if (to.responseUrl) {
    const answer = await fetch(to.responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        response_type: 'ephemeral',
        replace_original: to.replaceOriginal ?? false,
        text: message.text,
        blocks: message.blocks,
      }),
    }).catch((error: unknown) => error);
    if (answer instanceof Response && answer.ok) return;
    deps.logger.warn(
      { status: answer instanceof Response ? answer.status : undefined },
      'response_url did not take the reply; sending it as a DM',
    );
  }
  await client.chat
    .postMessage({ channel: to.slackUserId, text: message.text, blocks: message.blocks })
    .catch((error) => deps.logger.error({ err: error }, 'could not tell the user the result of a portal link modal'));
}
