import { ACCOUNT_SORTS, ACCOUNT_STATUSES, listAccounts } from '../../services/accounts/list-accounts';
import { findSlackMember } from '../../services/people/find-slack-member';
import type { SlackActor } from '../../services/users/resolve-slack-actor';
import { buildAccountsList } from '../blocks/accounts-list';
import { buildHelp } from '../blocks/help';
import type { SlackMessage } from '../blocks/slack-message';
import type { SlackDeps } from '../deps';
import { mentionedUserId, parseAccountsFilters } from './parse-command';

/** `/thread accounts [filters]`. Bad filters get the usage with the problem named. */
export async function accountsCommand(deps: SlackDeps, actor: SlackActor, rest: string): Promise<SlackMessage> {
  const { filters, problems } = parseAccountsFilters(rest);
  if (filters.status && !(ACCOUNT_STATUSES as readonly string[]).includes(filters.status))
    problems.push(`status: expected one of ${ACCOUNT_STATUSES.join(', ')}`);
  if (filters.sort && !(ACCOUNT_SORTS as readonly string[]).includes(filters.sort))
    problems.push(`sort: expected one of ${ACCOUNT_SORTS.join(', ')}`);
  let csmUserId: string | undefined;
  if (filters.csm) {
    const slackId =
      filters.csm.toLowerCase() === '@me' || filters.csm.toLowerCase() === 'me'
        ? actor.slackUserId
        : mentionedUserId(filters.csm);
    if (!slackId) problems.push('csm: expected @me or a @mention');
    else if (slackId === actor.slackUserId) csmUserId = actor.userId;
    else {
      // Looking a person up never creates one: naming somebody in a filter gives them nothing.
      const known = await findSlackMember(deps.ctx, { organizationId: actor.organizationId, slackUserId: slackId });
      if (known) csmUserId = known.userId;
      else problems.push(`csm: <@${slackId}> is not in Thread, so they are nobody's CSM here`);
    }
  }
  if (problems.length) return buildHelp(`I could not read those filters: ${problems.join('; ')}.`);
  const rows = await listAccounts(deps.ctx, {
    organizationId: actor.organizationId,
    status: filters.status as (typeof ACCOUNT_STATUSES)[number] | undefined,
    milestone: filters.milestone,
    csmUserId,
    sort: filters.sort as (typeof ACCOUNT_SORTS)[number] | undefined,
    limit: filters.limit ?? 25,
  });
  return buildAccountsList(rows, rest);
}
