import type { HomeView, KnownBlock } from '@slack/types';
import type { HomeData } from '../../services/home/get-home';
import { ACTIONS } from '../ids';
import { button, context, header, LIMITS, mrkdwnSection, safe, slackTime, STATUS_EMOJI } from './text';

function lines(items: string[], empty: string): string {
  return items.length ? items.join('\n') : `_${empty}_`;
}

/** The App Home tab. At most 100 blocks; each list is capped by the service, so it always fits. */
export function buildHome(h: HomeData): HomeView {
  const blocks: KnownBlock[] = [header('Your onboarding today')];
  if (h.orgCounts) {
    const c = h.orgCounts;
    blocks.push(
      mrkdwnSection(
        `*Organisation* · ${c.accounts} accounts (${c.active} active, ${c.atRisk} at risk) · ${c.draftsWaiting} drafts waiting · ${c.blockedMilestones} blocked milestones · ${c.overdueActions} overdue actions`,
      ),
    );
    blocks.push({
      type: 'actions',
      elements: [button('Settings', ACTIONS.openSettings, 'settings'), button('People', ACTIONS.openPeople, 'people')],
    });
  }
  blocks.push({ type: 'divider' });
  blocks.push(
    mrkdwnSection(
      `*Drafts waiting for your review (${h.draftsWaiting.length})* — \`/thread review\` shows them as cards`,
    ),
  );
  for (const d of h.draftsWaiting) {
    blocks.push(
      mrkdwnSection(
        `${safe(d.accountName, 150)} · *${safe(d.actionName, 150)}*${d.status === 'review_pending' ? ' _(changes requested)_' : ''}`,
      ),
    );
  }
  if (!h.draftsWaiting.length) blocks.push(context('Nothing to review. :sparkles:'));
  blocks.push({ type: 'divider' });
  blocks.push(mrkdwnSection('*Needs attention today*'));
  blocks.push(
    mrkdwnSection(
      `*Overdue actions*\n${lines(
        h.overdue.map((o) => `• ${safe(o.accountName, 150)} · ${safe(o.actionName, 150)} (due ${slackTime(o.dueAt)})`),
        'none',
      )}`,
    ),
  );
  blocks.push(
    mrkdwnSection(
      `*Blocked milestones*\n${lines(
        h.blocked.map((b) => `• ${safe(b.accountName, 150)} · ${safe(b.milestoneName, 150)}: ${safe(b.note, 200)}`),
        'none',
      )}`,
    ),
  );
  blocks.push(
    mrkdwnSection(
      `*At-risk accounts*\n${lines(
        h.atRisk.map((a) => `• ${safe(a.accountName, 150)}`),
        'none',
      )}`,
    ),
  );
  blocks.push(
    mrkdwnSection(
      `*Customer submissions to review*\n${lines(
        h.unreviewedSubmissions.map(
          (s) => `• ${safe(s.accountName, 150)} · ${safe(s.actionName, 150)} (${slackTime(s.at)})`,
        ),
        'none',
      )}`,
    ),
  );
  blocks.push({ type: 'divider' });
  blocks.push(mrkdwnSection(`*Your accounts (${h.accounts.length})*`));
  blocks.push(
    mrkdwnSection(
      lines(
        h.accounts.map(
          (a) =>
            `${STATUS_EMOJI[a.status] ?? ''} *${safe(a.name, 150)}* · ${a.progressPct}% · ${a.currentMilestone ? safe(a.currentMilestone, 100) : '—'}`,
        ),
        'no accounts assigned to you yet',
      ),
    ),
  );
  return { type: 'home', blocks: blocks.slice(0, LIMITS.viewBlocks) };
}
