/**
 * `/thread analytics [period] [template:<name>] [csm:@someone]`, and who may see it. Leaders (admins and CS
 * leaders) get every section in one message; anyone else is told who may, and whom to ask.
 */
import { can, rolesThatCan, ROLE_NAMES } from '../../domain/roles';
import { getAnalytics } from '../../services/analytics/get-analytics';
import type { AnalyticsFilters } from '../../services/analytics/analytics-scope';
import { findSlackMember } from '../../services/people/find-slack-member';
import { listPeople } from '../../services/people/list-people';
import type { SlackActor } from '../../services/users/resolve-slack-actor';
import { buildAnalyticsMessage } from '../blocks/analytics';
import type { SlackMessage } from '../blocks/slack-message';
import { mrkdwnSection, safe } from '../blocks/text';
import type { SlackDeps } from '../deps';
import { mentionedUserId } from './parse-command';

export const ANALYTICS_USAGE =
  '`/thread analytics [30d|90d|12m|ytd|2026-q3] [template:<name>] [csm:@someone]` (the last 90 days unless you say)';

export interface ParsedAnalyticsFilters {
  period?: string;
  template?: string;
  csm?: string;
  problems: string[];
}

/** `12m template:"Enterprise onboarding" csm:@dana`: one bare word (the period) and two keys; anything else is named. */
export function parseAnalyticsFilters(text: string): ParsedAnalyticsFilters {
  const out: ParsedAnalyticsFilters = { problems: [] };
  const pattern = /(\w+):(?:"([^"]*)"|“([^”]*)”|(\S+))|(\S+)/g;
  for (const m of text.matchAll(pattern)) {
    if (m[5] !== undefined) {
      if (out.period === undefined) out.period = m[5];
      else out.problems.push(`"${m[5]}" is a second period (give one, e.g. 90d)`);
      continue;
    }
    const key = (m[1] ?? '').toLowerCase();
    const value = (m[2] ?? m[3] ?? m[4] ?? '').trim();
    if (key === 'template' && value) out.template = value;
    else if (key === 'csm' && value) out.csm = value;
    else out.problems.push(`unknown filter "${key}:" (use template: or csm:)`);
  }
  return out;
}

/** Who may read the analytics, and whom to ask: named, so the person knows what to do next. */
export async function analyticsRefusal(deps: SlackDeps, actor: SlackActor): Promise<SlackMessage> {
  const people = await listPeople(deps.ctx, { organizationId: actor.organizationId, actor });
  const admins = people
    .filter((p) => p.role === 'admin')
    .slice(0, 10)
    .map((a) =>
      a.slackUserId && /^[UW][A-Z0-9]{2,}$/.test(a.slackUserId) ? `<@${a.slackUserId}>` : safe(a.name, 100),
    );
  const who = rolesThatCan('view_analytics').map((r) => `${ROLE_NAMES[r]}s`);
  const ask = admins.length
    ? ` Ask ${admins.length === 1 ? admins[0] : `${admins.slice(0, -1).join(', ')} or ${admins.at(-1)}`} to make you a CS leader if you need them.`
    : '';
  const text = `Analytics are for ${who.join(' and ')}; your role is ${ROLE_NAMES[actor.role]}.${ask}`;
  return { text, blocks: [mrkdwnSection(`:lock: ${text}`)] };
}

export async function analyticsCommand(deps: SlackDeps, actor: SlackActor, rest: string): Promise<SlackMessage> {
  if (!can(actor.role, 'view_analytics')) return analyticsRefusal(deps, actor);
  const parsed = parseAnalyticsFilters(rest);
  const filters: AnalyticsFilters = { period: parsed.period, template: parsed.template };
  if (parsed.csm) {
    const me = parsed.csm.toLowerCase() === '@me' || parsed.csm.toLowerCase() === 'me';
    const slackId = me ? actor.slackUserId : mentionedUserId(parsed.csm);
    if (!slackId) parsed.problems.push('csm: expected @me or a @mention');
    else if (slackId === actor.slackUserId) filters.csmUserId = actor.userId;
    else {
      // Looking a person up never creates one: naming somebody in a filter gives them nothing.
      const known = await findSlackMember(deps.ctx, { organizationId: actor.organizationId, slackUserId: slackId });
      if (known) filters.csmUserId = known.userId;
      else parsed.problems.push(`csm: <@${slackId}> is not in Thread, so they are nobody's CSM here`);
    }
  }
  if (parsed.problems.length) {
    const text = `I could not read those filters: ${safe(parsed.problems.join('; '), 1500)}. ${ANALYTICS_USAGE}`;
    return { text, blocks: [mrkdwnSection(`:warning: ${text}`)] };
  }
  const view = await getAnalytics(deps.ctx, deps.analytics, {
    organizationId: actor.organizationId,
    actor: { userId: actor.userId },
    filters,
  });
  return buildAnalyticsMessage(view);
}
