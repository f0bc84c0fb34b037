/**
 * Analytics in Slack: each section as its title, the chart (an image block whose alt text says what it shows), the
 * numbers in text beside it (for screen readers and for clients that block images) and Export CSV. App Home shows
 * the sections as they are computed; `/thread analytics` answers with all of them in one message.
 */
import type { ActionsBlock, HomeView, ImageBlock, KnownBlock, PlainTextOption, SectionBlock } from '@slack/types';
import { ANALYTICS_SECTIONS, SECTION_TITLES, sectionLines, type AnalyticsSectionId } from '../../domain/analytics';
import type { AnalyticsCsvLink } from '../../services/analytics/export-analytics-csv';
import type { AnalyticsView } from '../../services/analytics/get-analytics';
import type { AnalyticsSectionView } from '../../services/analytics/analytics-section-view';
import { ACTIONS } from '../ids';
import type { SlackMessage } from './slack-message';
import { button, context, header, LIMITS, mrkdwnSection, plain, safe, slackTime } from './text';

/** Slack's limits on an image block. */
const IMAGE_URL_MAX = 3000;
const ALT_TEXT_MAX = 2000;

/** A section still being computed (App Home shows it as such until its turn comes). */
export interface PendingSection {
  pending: AnalyticsSectionId;
}
export type AnalyticsSlot = AnalyticsSectionView | PendingSection;

function isPending(slot: AnalyticsSlot): slot is PendingSection {
  return 'pending' in slot;
}

/** The numbers, one line each; cut to the section limit so a long list of CSMs never breaks the message. */
function numbersText(view: AnalyticsSectionView): string {
  const lines = sectionLines(view.section);
  if (lines.length === 0) return '_Nothing in this period._';
  const out: string[] = [];
  let length = 0;
  for (const line of lines) {
    const text = `• ${safe(line, 400)}`;
    if (length + text.length + 1 > LIMITS.sectionText - 40) {
      out.push(`_…and ${lines.length - out.length} more in the CSV._`);
      break;
    }
    out.push(text);
    length += text.length + 1;
  }
  return out.join('\n');
}

function chartBlock(view: AnalyticsSectionView): ImageBlock | null {
  if (!view.chart || view.chart.url.length > IMAGE_URL_MAX) return null;
  return {
    type: 'image',
    image_url: view.chart.url,
    alt_text: Array.from(view.chart.altText).slice(0, ALT_TEXT_MAX).join('') || view.title,
    title: plain(view.title, 200),
  };
}

export function analyticsSectionBlocks(view: AnalyticsSectionView): KnownBlock[] {
  const blocks: KnownBlock[] = [mrkdwnSection(`*${safe(view.title, 150)}*\n_${safe(view.note, 300)}_`)];
  const chart = chartBlock(view);
  if (chart) blocks.push(chart);
  blocks.push(mrkdwnSection(numbersText(view)));
  if (view.exportToken && view.exportToken.length <= LIMITS.buttonValue && view.section.rows.length > 0)
    blocks.push({ type: 'actions', elements: [button('Export CSV', ACTIONS.analyticsExportCsv, view.exportToken)] });
  return blocks;
}

function pendingBlocks(id: AnalyticsSectionId): KnownBlock[] {
  return [mrkdwnSection(`*${SECTION_TITLES[id]}*\n_Computing…_`)];
}

/**
 * Back (App Home), and the template steps that slip most: for the view's template (`template:<id>`) or all. Every
 * leader may read the suggestions; the modal offers Accept to admins only.
 */
function controls(o: { home: boolean; templateId: string | null }): ActionsBlock {
  const suggestions = o.templateId ? `template:${o.templateId}` : 'all';
  const elements = [
    ...(o.home ? [button('Back to my day', ACTIONS.homeCloseAnalytics, 'home')] : []),
    button('Template steps that slip most', ACTIONS.openSlipSuggestions, suggestions),
  ];
  return { type: 'actions', elements };
}

/** The periods App Home offers; `/thread analytics` takes any (a quarter, a month, a year). */
export const HOME_PERIODS: Readonly<Record<string, string>> = {
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  '12m': 'Last 12 months',
  ytd: 'Year to date',
};

function periodOption(value: string): PlainTextOption {
  return { text: plain(HOME_PERIODS[value] ?? value, LIMITS.optionText), value };
}

/** The period in words, with the select that computes the view again for another one. */
function periodPicker(label: string, current: string | undefined): SectionBlock {
  return {
    ...mrkdwnSection(`*Period:* ${safe(label, 200)}`),
    accessory: {
      type: 'static_select',
      action_id: ACTIONS.analyticsPeriod,
      options: Object.keys(HOME_PERIODS).map(periodOption),
      ...(current && HOME_PERIODS[current] ? { initial_option: periodOption(current) } : {}),
    },
  };
}

/** App Home → Analytics: the sections in order, each computed or still computing. */
export function buildAnalyticsHome(o: { slots: AnalyticsSlot[] }): HomeView {
  const done = o.slots.filter((s): s is AnalyticsSectionView => !isPending(s));
  const first = done[0];
  const blocks: KnownBlock[] = [header('Analytics')];
  blocks.push(
    context(
      first
        ? `${safe(first.scopeLabel, 500)} · as of ${slackTime(first.asOf)} · \`/thread analytics 12m template:<name> csm:@someone\` for other filters`
        : 'Computing…',
    ),
  );
  blocks.push(controls({ home: true, templateId: first?.templateId ?? null }));
  if (first) blocks.push(periodPicker(first.periodLabel, first.period));
  for (const slot of o.slots) {
    blocks.push({ type: 'divider' });
    blocks.push(...(isPending(slot) ? pendingBlocks(slot.pending) : analyticsSectionBlocks(slot)));
  }
  return { type: 'home', blocks: blocks.slice(0, LIMITS.viewBlocks) };
}

/** Every section still to come, for the first publish of App Home's Analytics. */
export function pendingSlots(): AnalyticsSlot[] {
  return ANALYTICS_SECTIONS.map((pending) => ({ pending }));
}

/** `/thread analytics`: every section in one message (a response URL takes only a few replies). */
export function buildAnalyticsMessage(view: AnalyticsView): SlackMessage {
  const blocks: KnownBlock[] = [
    header('Analytics'),
    context(`${safe(view.scopeLabel, 500)} · as of ${slackTime(view.asOf)}`),
  ];
  blocks.push(controls({ home: false, templateId: view.sections[0]?.templateId ?? null }));
  for (const section of view.sections) blocks.push({ type: 'divider' }, ...analyticsSectionBlocks(section));
  const summary = view.sections
    .map((s) => `${s.title}: ${sectionLines(s.section)[0] ?? 'nothing in this period'}`)
    .join('; ');
  return {
    text: `Analytics, ${view.scopeLabel}. ${summary}`.slice(0, 3000),
    blocks: blocks.slice(0, LIMITS.messageBlocks),
  };
}

/** Thread's own signed URL inside mrkdwn link syntax: `&` written as an entity, link syntax characters encoded. */
function linkSafe(url: string): string {
  return url.replace(/[<>|\s`]/g, encodeURIComponent).replace(/&/g, '&amp;');
}

/** The DM with a table's CSV link. */
export function buildAnalyticsCsvMessage(link: AnalyticsCsvLink): SlackMessage {
  const text = `Your CSV of ${link.title} (${link.scopeLabel}) is ready: ${link.fileName}.`;
  return {
    text,
    blocks: [
      mrkdwnSection(
        `:page_facing_up: Your CSV of *${safe(link.title, 150)}* (${safe(link.scopeLabel, 300)}) is ready: <${linkSafe(link.url)}|${safe(link.fileName, 150)}>`,
      ),
      context(`The link works until ${slackTime(link.expiresAt)}; open Analytics again for a fresh one.`),
    ],
  };
}
