/**
 * Vega-Lite specs of the analytics charts, and their text alternatives. Pure: the charts connector renders a spec
 * to PNG (connectors/charts), Slack shows it as an image block with the alternative as its alt text.
 *
 * Every chart is CHART_WIDTH × CHART_HEIGHT in total (autosize "fit" with the padding inside), so the image has the
 * same size whatever the labels; the renderer doubles it for sharp text on high-density screens. Text is DejaVu
 * Sans, the font the renderer embeds (no system fonts are read).
 */
import { SECTION_TITLES, SIDE_WORDS, sectionLines, type AnalyticsSection } from './analytics';

export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 320;
/** Device pixels per chart pixel in the PNG. */
export const CHART_SCALE = 2;
export const CHART_FONT = 'DejaVu Sans';

/** A Vega-Lite top-level spec as plain data (the connector hands it to vega-lite's compiler). */
export type VegaLiteSpec = Record<string, unknown>;

const SIDE_COLOURS = { customer: '#d97706', us: '#4f46e5', third_party: '#6b7280' } as const;

/**
 * Labels people typed are cut so one long name cannot squeeze the plot away. Axis titles stay short: a vertical one
 * longer than the plot is tall pushes the chart's title out of the picture in Vega's fit layout.
 */
const label = (text: string) => truncate(text, 28);

function frame(title: string, body: Record<string, unknown>): VegaLiteSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: title, anchor: 'start', fontSize: 15 },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    autosize: { type: 'fit', contains: 'padding' },
    padding: 12,
    background: 'white',
    config: {
      font: CHART_FONT,
      // Vega measures text by estimate on the server (no canvas), generously: the limit leaves room for that.
      axis: { labelFontSize: 11, titleFontSize: 12, labelLimit: 240 },
      legend: { labelFontSize: 11, titleFontSize: 12, orient: 'bottom' },
      view: { stroke: null },
    },
    ...body,
  };
}

/** The chart of a section, or null when it has no rows (the text says there is nothing in the period). */
export function chartSpec(section: AnalyticsSection, periodLabel: string): VegaLiteSpec | null {
  if (section.rows.length === 0) return null;
  // Workload and the accounts at risk are as of now, whatever the period.
  const now = section.id === 'csm_workload' || section.id === 'accounts_at_risk';
  const title = now ? SECTION_TITLES[section.id] : `${SECTION_TITLES[section.id]} · ${periodLabel}`;
  switch (section.id) {
    case 'ttv_by_template':
    case 'ttv_by_csm': {
      // Median and p90 side by side per group (a layered tick for p90 misplaces the title in Vega's fit layout).
      const values = section.rows.flatMap((r) => [
        { group: label(r.group), stat: 'Median', days: r.medianDays },
        { group: label(r.group), stat: 'P90', days: r.p90Days },
      ]);
      return frame(title, {
        data: { values },
        mark: 'bar',
        encoding: {
          x: { field: 'group', type: 'nominal', title: null, sort: null, axis: { labelAngle: 0 } },
          xOffset: { field: 'stat', sort: ['Median', 'P90'] },
          y: { field: 'days', type: 'quantitative', title: 'Business days' },
          color: {
            field: 'stat',
            type: 'nominal',
            title: null,
            scale: { domain: ['Median', 'P90'], range: ['#4f46e5', '#a5b4fc'] },
          },
        },
      });
    }
    case 'on_time_by_milestone':
      return frame(title, {
        data: { values: section.rows.map((r) => ({ milestone: label(r.milestone), rate: r.rate })) },
        mark: { type: 'bar', color: '#059669' },
        encoding: {
          x: { field: 'milestone', type: 'nominal', title: null, sort: null, axis: { labelAngle: 0 } },
          y: {
            field: 'rate',
            type: 'quantitative',
            title: 'Completed on time',
            scale: { domain: [0, 1] },
            axis: { format: '%' },
          },
        },
      });
    case 'blockers_by_cause':
    case 'slip_by_side': {
      const values =
        section.id === 'blockers_by_cause'
          ? section.rows.map((r) => ({ side: SIDE_WORDS[r.cause], key: r.cause, value: r.blocks }))
          : section.rows.map((r) => ({ side: SIDE_WORDS[r.side], key: r.side, value: r.days }));
      return frame(title, {
        data: { values },
        mark: 'bar',
        encoding: {
          x: { field: 'side', type: 'nominal', title: null, sort: null, axis: { labelAngle: 0 } },
          y: {
            field: 'value',
            type: 'quantitative',
            title: section.id === 'blockers_by_cause' ? 'Blocks' : 'Days behind plan',
          },
          color: {
            field: 'key',
            type: 'nominal',
            legend: null,
            scale: { domain: Object.keys(SIDE_COLOURS), range: Object.values(SIDE_COLOURS) },
          },
        },
      });
    }
    case 'csm_workload':
      return frame(title, {
        data: {
          values: section.rows.flatMap((r) => [
            { csm: label(r.csm), what: 'Active accounts', value: r.activeAccounts },
            { csm: label(r.csm), what: 'Drafts waiting', value: r.draftsWaiting },
            { csm: label(r.csm), what: 'Overdue actions', value: r.overdueActions },
          ]),
        },
        mark: 'bar',
        encoding: {
          x: { field: 'csm', type: 'nominal', title: null, sort: null, axis: { labelAngle: 0 } },
          xOffset: { field: 'what', sort: null },
          y: { field: 'value', type: 'quantitative', title: null, axis: { tickMinStep: 1, format: 'd' } },
          color: { field: 'what', type: 'nominal', title: null, sort: null },
        },
      });
    case 'kickoff_cohorts':
      return frame(title, {
        data: {
          values: section.rows.flatMap((r) => [
            { month: r.month, state: 'Live', order: 1, value: r.live },
            { month: r.month, state: 'Onboarding', order: 2, value: r.onboarding },
            { month: r.month, state: 'Churned', order: 3, value: r.churned },
          ]),
        },
        mark: 'bar',
        encoding: {
          // A year of months side by side would run their labels together: slanted past six.
          x: { field: 'month', type: 'ordinal', title: null, axis: { labelAngle: section.rows.length > 6 ? -40 : 0 } },
          // Whole accounts: no 2.5 on the axis.
          y: {
            field: 'value',
            type: 'quantitative',
            title: 'Accounts kicked off',
            axis: { tickMinStep: 1, format: 'd' },
          },
          color: {
            field: 'state',
            type: 'nominal',
            title: null,
            sort: ['Live', 'Onboarding', 'Churned'],
            scale: { domain: ['Live', 'Onboarding', 'Churned'], range: ['#059669', '#4f46e5', '#dc2626'] },
          },
          order: { field: 'order' },
        },
      });
    case 'accounts_at_risk':
      return frame(title, {
        data: {
          // Numbered: two long names cut to the same words must stay two bars.
          values: section.rows.map((r, i) => ({
            account: `${i + 1}. ${label(r.account)}`,
            daysBehind: r.daysBehind,
            status: r.status === 'at_risk' ? 'At risk' : 'Behind plan',
          })),
        },
        mark: 'bar',
        encoding: {
          y: { field: 'account', type: 'nominal', title: null, sort: null },
          x: { field: 'daysBehind', type: 'quantitative', title: 'Business days behind plan' },
          color: {
            field: 'status',
            type: 'nominal',
            title: null,
            scale: { domain: ['At risk', 'Behind plan'], range: ['#dc2626', '#d97706'] },
          },
        },
      });
  }
}

/** Slack's limit on an image's alt text. */
export const ALT_TEXT_MAX = 2000;

/** What the chart shows, in words: its title, the period, and every bar's number. */
export function chartAltText(section: AnalyticsSection, periodLabel: string): string {
  const kind =
    section.id === 'kickoff_cohorts'
      ? 'Stacked bar chart'
      : section.id === 'accounts_at_risk'
        ? 'Horizontal bar chart'
        : 'Bar chart';
  return truncate(
    `${kind}: ${SECTION_TITLES[section.id]}, ${periodLabel}. ${sectionLines(section).join('; ')}.`,
    ALT_TEXT_MAX,
  );
}

/** Cuts to at most `max` characters (code points), ending with an ellipsis when cut. */
function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
