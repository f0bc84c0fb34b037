import type { SlackMessage } from './slack-message';
import { context, formatDate, mrkdwnSection, safe } from './text';

/** The portal link, ephemeral: clickable, and in a code span so it can be copied whole. */
export function buildPortalLinkMessage(link: { url: string; contactEmail: string; expiresAt: Date }): SlackMessage {
  // The URL is Thread's own (PUBLIC_URL + a random token), never customer text; a `|` or `>` would still break the link syntax.
  const url = link.url.replace(/[<>|\s`]/g, encodeURIComponent);
  return {
    text: `Portal link for ${link.contactEmail}: ${url}`,
    blocks: [
      mrkdwnSection(`:link: Portal link for ${safe(link.contactEmail, 254)} — <${url}|open the portal>\n\`${url}\``),
      context(
        `Valid until ${formatDate(link.expiresAt)}. Only you see this message; earlier links keep working until they expire.`,
      ),
    ],
  };
}
