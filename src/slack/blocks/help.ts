import { COMMAND } from '../ids';
import type { SlackMessage } from './slack-message';
import { context, header, mrkdwnSection } from './text';

/** What the person asking may use beyond everyone's commands; help lists only what they may run. */
export interface HelpAudience {
  /** An admin: `settings` is listed. */
  admin?: boolean;
  /** An admin or a CS leader: `analytics` is listed. */
  analytics?: boolean;
}

/** Usage with examples; shown for `help`, an empty command and anything Thread does not understand. */
export function buildHelp(problem?: string, audience: HelpAudience = {}): SlackMessage {
  const lines = [
    `*\`${COMMAND} account <name>\`* — status, progress, next actions and blockers. e.g. \`${COMMAND} account northwind\``,
    `*\`${COMMAND} accounts [status:at_risk] [milestone:"Implementation"] [csm:@me] [sort:next|arr|name|progress] [limit:N]\`* — your prioritised list. e.g. \`${COMMAND} accounts csm:@me sort:arr\``,
    `*\`${COMMAND} review [account]\`* — drafts waiting for review, as review cards. e.g. \`${COMMAND} review helios\``,
    `*\`${COMMAND} timeline <account>\`* — milestones, planned vs actual dates, blockers. e.g. \`${COMMAND} timeline brightline\``,
    `*\`${COMMAND} plan <account>\`* — every action of every milestone, its state and why; the CSM changes the plan from here. e.g. \`${COMMAND} plan helios\``,
    `*\`${COMMAND} metrics [account]\`* — time to value, whose court it is, days behind plan and whose they are, milestone velocity, how the customer answers and engages; without an account, your accounts' key figures. e.g. \`${COMMAND} metrics helios\``,
    `*\`${COMMAND} handoff <account>\`* — what the AE handed over, or Fill in the handoff while it is open. e.g. \`${COMMAND} handoff helios\``,
    `*\`${COMMAND} new\`* — create an account from a template; the AE can hand it over first`,
    `*\`${COMMAND} people\`* — who is in Thread and their roles (admin, CS leader, CSM, account executive, viewer)${audience.admin ? '; change a role or add a person' : ''}`,
    ...(audience.analytics
      ? [
          `*\`${COMMAND} analytics [30d|90d|12m|ytd|2026-q3] [template:<name>] [csm:@someone]\`* — time to value, on-time milestones, blockers, slip, workload, cohorts and accounts at risk, with charts and CSV (admins and CS leaders; also App Home → Analytics). e.g. \`${COMMAND} analytics 12m\``,
        ]
      : []),
    ...(audience.admin
      ? [
          `*\`${COMMAND} settings\`* — the organisation's name, brand, timezone, working days, portal and reminders, and the handoff questions; Connectors (HubSpot)`,
        ]
      : []),
    `*\`${COMMAND} help\`* — this message`,
  ];
  const blocks = [
    header('Thread commands'),
    ...(problem ? [mrkdwnSection(`:warning: ${problem}`)] : []),
    mrkdwnSection(lines.join('\n')),
    context(
      'Review cards appear in your CSM channel when an action is ready. Your App Home shows what needs you today.',
    ),
  ];
  const names = [
    'account',
    'accounts',
    'review',
    'timeline',
    'plan',
    'handoff',
    'metrics',
    'new',
    ...(audience.analytics ? ['analytics'] : []),
    'people',
    ...(audience.admin ? ['settings'] : []),
  ];
  const text = `${problem ? `${problem} ` : ''}Thread commands: ${names.join(', ')}, help.`;
  return { text, blocks };
}
