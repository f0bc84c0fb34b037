/**
 * The metrics of issue 13 in Slack: one account's numbers (`/thread metrics <account>`, the card's Metrics button),
 * the person's accounts with their key figures (`/thread metrics`), and the lines the account card borrows.
 */
import type { KnownBlock } from '@slack/types';
import type { ActionCompletion, Engagement, MilestoneVelocityRow, TimeToValue } from '../../domain/account-metrics';
import type { AccountFigures } from '../../services/metrics/account-figures';
import type { AccountMetricsView } from '../../services/metrics/get-account-metrics';
import type { AccountFiguresRow } from '../../services/metrics/list-account-figures';
import { COMMAND } from '../ids';
import type { SlackMessage } from './slack-message';
import { context, formatDate, header, LIMITS, mrkdwnSection, packLines, safe, STATUS_EMOJI } from './text';

function days(n: number): string {
  return `${n} business day${n === 1 ? '' : 's'}`;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "34 business days (planned 30)", projected while the onboarding runs. */
export function timeToValueWords(t: TimeToValue): string {
  if (t.actualDays !== null) return `${days(t.actualDays)} (planned ${t.plannedDays})`;
  if (t.projectedDays !== null) {
    const when = t.projectedGoLive ? `, go-live expected ${formatDate(t.projectedGoLive)}` : '';
    return `projected ${days(t.projectedDays)} (planned ${t.plannedDays})${when}`;
  }
  return `planned ${days(t.plannedDays)}`;
}

/** The card's schedule lines: time to value, slip, whose court. */
export function scheduleLines(f: AccountFigures): string {
  return [
    `*Time to value:* ${timeToValueWords(f.timeToValue)}`,
    `*Schedule:* ${safe(f.slipSentence, 300)}`,
    `*Whose court:* ${safe(f.courtSentence, 500)}`,
  ].join('\n');
}

function velocityLine(m: MilestoneVelocityRow): string {
  const name = `*${safe(m.name, 150)}*`;
  const late = m.varianceDays !== null && m.varianceDays > 0 ? ` (+${m.varianceDays})` : '';
  if (m.actualDays !== null) return `• ${name}: ${m.actualDays} of ${m.plannedDays} planned${late}`;
  if (m.elapsedDays !== null) {
    return `• ${name}: ${m.elapsedDays} so far of ${m.plannedDays} planned${late}${m.status === 'blocked' ? ', blocked' : ''}`;
  }
  return `• ${name}: ${m.plannedDays} planned, not started`;
}

function completionLine(c: ActionCompletion): string {
  if (c.executed === 0 || c.rate === null) return '_nothing sent to the customer yet_';
  const speed =
    c.medianBusinessHours === null
      ? ''
      : `, median ${Math.round(c.medianBusinessHours)} business hour${Math.round(c.medianBusinessHours) === 1 ? '' : 's'} to answer`;
  return `The customer answered ${c.completedByCustomer} of ${c.executed} sent (${Math.round(c.rate * 100)}%)${speed}`;
}

function engagementLine(e: Engagement): string {
  const parts = [
    count(e.portalVisits, 'portal visit'),
    count(e.submissions, 'form submitted', 'forms submitted'),
    count(e.uploads, 'upload'),
    count(e.replies, 'reply', 'replies'),
  ].join(' · ');
  const last =
    e.lastEventAt === null
      ? 'nothing yet'
      : `last ${formatDate(e.lastEventAt)} (${e.businessDaysSinceLast === 0 ? 'today' : `${days(e.businessDaysSinceLast ?? 0)} ago`})`;
  return `${parts}\n${last}`;
}

const MAX_VELOCITY_ROWS = 20;

/** One account's numbers. */
export function buildAccountMetrics(v: AccountMetricsView): SlackMessage {
  const velocity = v.metrics.velocity.slice(0, MAX_VELOCITY_ROWS).map(velocityLine);
  if (v.metrics.velocity.length > MAX_VELOCITY_ROWS) {
    velocity.push(`…and ${v.metrics.velocity.length - MAX_VELOCITY_ROWS} more`);
  }
  const blocks: KnownBlock[] = [
    header(`Metrics · ${v.accountName}`),
    mrkdwnSection(`${scheduleLines(v)}`),
    // Long milestone names outgrow one section: the rows go on in the next, never cut inside one.
    ...packLines(
      [
        '*Milestone velocity* (business days, actual against planned)',
        ...(velocity.length ? velocity : ['_no milestones_']),
      ],
      LIMITS.sectionText,
    ).map((text) => mrkdwnSection(text)),
    mrkdwnSection(`*Action completion*\n${completionLine(v.metrics.actionCompletion)}`),
    mrkdwnSection(`*Engagement*\n${engagementLine(v.metrics.engagement)}`),
    context(
      'Days are business days in the organisation’s calendar, both ends counted. A day behind plan is the customer’s, ours or a third party’s: a block’s cause, else whatever waited longest that day, else ours.',
    ),
  ];
  return { text: `${v.accountName}: ${v.slipSentence}. ${v.courtSentence}`, blocks };
}

/** The person's running accounts, furthest behind first, each with its key figures. */
export function buildAccountFiguresList(list: { rows: AccountFiguresRow[]; more: number }): SlackMessage {
  if (list.rows.length === 0) {
    return {
      text: 'You have no running accounts.',
      blocks: [
        mrkdwnSection(
          `You have no running accounts. Name one to see its numbers, e.g. \`${COMMAND} metrics northwind\`.`,
        ),
      ],
    };
  }
  const blocks: KnownBlock[] = [header('Your accounts: metrics')];
  for (const r of list.rows) {
    blocks.push(
      mrkdwnSection(
        `${STATUS_EMOJI[r.status] ?? ''} *${safe(r.accountName, 150)}* · ${safe(r.slipSentence, 300)}\nTime to value: ${timeToValueWords(r.timeToValue)}\n${safe(r.courtSentence, 500)}`,
      ),
    );
  }
  blocks.push(
    context(
      `${list.more > 0 ? `…and ${list.more} more. ` : ''}\`${COMMAND} metrics <account>\` shows one account in full.`,
    ),
  );
  return { text: `Metrics of your ${count(list.rows.length, 'account')}`, blocks };
}
