import type { SentPortalLink } from '../../services/portal/send-portal-link';
import { buildPortalLinkMessage } from './portal-link';
import type { SlackMessage } from './slack-message';
import { context, formatDate, mrkdwnSection, safe } from './text';

/** After Email portal link: where it went, or (email off) the plain statement that nothing was sent, and the link to copy. */
export function buildPortalLinkSentMessage(r: SentPortalLink): SlackMessage {
  const who = `*${safe(r.link.contactName, 200)}* (${safe(r.link.contactEmail, 254)})`;
  if (r.emailedTo) {
    return {
      text: `Emailed a fresh portal link to ${r.link.contactEmail}`,
      blocks: [
        mrkdwnSection(`:email: Emailed a fresh portal link to ${who}.`),
        context(
          `It works until ${formatDate(r.link.expiresAt)}. Earlier links keep working until they expire or are revoked.`,
        ),
      ],
    };
  }
  const copy = buildPortalLinkMessage(r.link);
  return {
    text: `Not emailed: ${r.notEmailedBecause}. ${copy.text}`,
    blocks: [
      mrkdwnSection(
        `:warning: *Not emailed*: ${safe(r.notEmailedBecause ?? 'email is off', 300)}. Copy this fresh link for ${who} and send it yourself:`,
      ),
      ...copy.blocks,
    ],
  };
}

/** After Revoke portal links: how many stopped working, and what their holders now see. */
export function buildPortalLinksRevokedMessage(r: {
  accountName: string;
  contactEmail?: string;
  revoked: number;
}): SlackMessage {
  const scope = r.contactEmail
    ? `for ${safe(r.contactEmail, 254)} on *${safe(r.accountName, 200)}*`
    : `of *${safe(r.accountName, 200)}*`;
  const text =
    r.revoked === 0
      ? `:information_source: No active portal link to revoke ${r.contactEmail ? `for ${safe(r.contactEmail, 254)} ` : ''}on *${safe(r.accountName, 200)}*.`
      : `:no_entry_sign: Revoked ${r.revoked} portal link${r.revoked === 1 ? '' : 's'} ${scope}. Whoever opens ${r.revoked === 1 ? 'it' : 'them'} now is asked to get a new link from their customer success manager.`;
  return { text: text.replace(/^:[a-z_]+: /, '').replace(/\*/g, ''), blocks: [mrkdwnSection(text)] };
}
