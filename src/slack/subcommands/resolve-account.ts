import { findAccounts } from '../../services/accounts/find-accounts';
import type { SlackActor } from '../../services/users/resolve-slack-actor';
import { buildAccountPicker } from '../blocks/account-picker';
import type { SlackMessage } from '../blocks/slack-message';
import { mrkdwnSection, safe } from '../blocks/text';
import type { SlackDeps } from '../deps';

/** One account for a name or part of it; otherwise the message to show instead (no match, or a pick list). */
export async function resolveAccount(
  deps: SlackDeps,
  actor: SlackActor,
  query: string,
  purpose: 'account' | 'timeline' | 'review' | 'plan' | 'handoff' | 'metrics',
): Promise<{ accountId: string } | { message: SlackMessage }> {
  if (!query) {
    return {
      message: {
        text: `Name the account, e.g. /thread ${purpose} northwind`,
        blocks: [mrkdwnSection(`Name the account, e.g. \`/thread ${purpose} northwind\`.`)],
      },
    };
  }
  const matches = await findAccounts(deps.ctx, { organizationId: actor.organizationId, query });
  const only = matches.length === 1 ? matches[0] : undefined;
  if (only) return { accountId: only.id };
  if (matches.length === 0) {
    return {
      message: {
        text: `No account matches "${query}".`,
        blocks: [
          mrkdwnSection(`No account matches *${safe(query, 200)}*. Try part of the name, or \`/thread accounts\`.`),
        ],
      },
    };
  }
  return { message: buildAccountPicker(query, matches, purpose) };
}
