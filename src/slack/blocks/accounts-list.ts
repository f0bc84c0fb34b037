import type { AccountListRow } from '../../services/accounts/list-accounts';
import type { SlackMessage } from './slack-message';
import { context, formatArr, header, mrkdwnSection, safe, slackTime, STATUS_EMOJI, LIMITS } from './text';

/** `/thread accounts`: the prioritised list, one line per account, packed into as few sections as fit. */
export function buildAccountsList(rows: AccountListRow[], filters: string): SlackMessage {
  if (rows.length === 0) {
    return {
      text: 'No accounts match.',
      blocks: [mrkdwnSection(`No accounts match${filters ? ` ${safe(filters, 500)}` : ''}.`)],
    };
  }
  const lines = rows.map((r) => {
    const csm = r.csmSlackUserId ? `<@${r.csmSlackUserId}>` : r.csmName ? safe(r.csmName, 80) : 'no CSM';
    const milestone = r.currentMilestone
      ? `${r.currentMilestoneBlocked ? ':no_entry: ' : ''}${safe(r.currentMilestone, 100)}`
      : '—';
    return `${STATUS_EMOJI[r.status] ?? ''} *${safe(r.name, 150)}* · ${milestone} · next ${slackTime(r.nextActionAt)} · ${formatArr(r.arr)} · ${csm}`;
  });
  const sections: string[] = [];
  let current = '';
  for (const line of lines) {
    if (current && current.length + line.length + 1 > LIMITS.sectionText) {
      sections.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) sections.push(current);
  return {
    text: `${rows.length} account${rows.length === 1 ? '' : 's'}`,
    blocks: [
      header(`Accounts (${rows.length})`),
      ...sections.slice(0, 45).map((s) => mrkdwnSection(s)),
      context(`status · milestone · next action · ARR · CSM${filters ? ` — filters: ${safe(filters, 300)}` : ''}`),
    ],
  };
}
