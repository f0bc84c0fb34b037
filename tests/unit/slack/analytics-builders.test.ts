/**
 * The analytics blocks within Slack's limits with hostile and over-long names: every chart an image with its alt
 * text, the numbers in text beside it, Export CSV with the signed request, nothing that pings or links.
 */
import type { AnalyticsSection } from '../../../src/domain/analytics';
import { chartAltText } from '../../../src/domain/analytics-charts';
import type { AnalyticsSectionView } from '../../../src/services/analytics/analytics-section-view';
import {
  buildAnalyticsCsvMessage,
  buildAnalyticsHome,
  buildAnalyticsMessage,
  pendingSlots,
} from '../../../src/slack/blocks/analytics';
import { ACTIONS } from '../../../src/slack/ids';
import { HOSTILE, sampleSections } from '../../support/analytics-samples';
import { escapingProblems, limitProblems, viewProblems } from './block-kit-limits';

const AS_OF = new Date('2026-11-24T10:00:00Z');

function view(section: AnalyticsSection): AnalyticsSectionView {
  return {
    section,
    title: section.id,
    note: 'what it counts',
    scopeLabel: `the last 90 days · template ${HOSTILE}`,
    periodLabel: 'the last 90 days',
    period: '90d',
    templateId: 'tpl1',
    asOf: AS_OF,
    chart: {
      url: `https://thread.test/analytics/charts/${'p'.repeat(400)}.png?expires=1&sig=s`,
      altText: chartAltText(section, 'the last 90 days'),
    },
    exportToken: `${'t'.repeat(300)}.1.sig`,
  };
}

type Block = { type: string; [k: string]: unknown };

describe('analytics blocks', () => {
  it('App Home with every section computed stays within a view’s limits, each chart an image with alt text and its numbers beside it', () => {
    const home = buildAnalyticsHome({ slots: sampleSections(40).map(view) });
    expect(viewProblems(home)).toEqual([]);
    expect(escapingProblems(home.blocks)).toEqual([]);
    const blocks = home.blocks as Block[];
    const images = blocks.filter((b) => b.type === 'image');
    expect(images).toHaveLength(8);
    for (const image of images) expect(String(image.alt_text)).toMatch(/^(Bar|Stacked bar|Horizontal bar) chart: /);
    // The numbers follow each chart as text.
    for (const i of blocks.flatMap((b, n) => (b.type === 'image' ? [n] : []))) {
      expect(blocks[i + 1]).toMatchObject({ type: 'section', text: { type: 'mrkdwn' } });
      expect(JSON.stringify(blocks[i + 1])).toMatch(/\d/);
    }
    const buttons = JSON.stringify(home.blocks);
    expect(buttons).toContain(ACTIONS.analyticsExportCsv);
    expect(buttons).toContain(ACTIONS.openSlipSuggestions);
    expect(buttons).toContain(ACTIONS.homeCloseAnalytics);
  });

  it('shows the sections still computing as such, with the way to the template steps that slip most from the first publish', () => {
    const slots = pendingSlots();
    slots[0] = view(sampleSections()[0]!);
    const home = buildAnalyticsHome({ slots });
    expect(viewProblems(home)).toEqual([]);
    expect(JSON.stringify(home.blocks).match(/Computing…/g)).toHaveLength(7);
    expect(JSON.stringify(home.blocks)).toContain(ACTIONS.openSlipSuggestions);
  });

  it('says so when a section has nothing in the period, with no chart and no export', () => {
    const empty = view({ id: 'slip_by_side', rows: [] });
    const home = buildAnalyticsHome({ slots: [{ ...empty, chart: null }] });
    expect(JSON.stringify(home.blocks)).toContain('Nothing in this period');
    expect(JSON.stringify(home.blocks)).not.toContain(ACTIONS.analyticsExportCsv);
  });

  it('the /thread analytics message fits one message with every section', () => {
    const message = buildAnalyticsMessage({ scopeLabel: HOSTILE, asOf: AS_OF, sections: sampleSections(40).map(view) });
    expect(limitProblems(message.blocks, 50)).toEqual([]);
    expect(escapingProblems(message.blocks)).toEqual([]);
    expect(message.blocks.filter((b) => b.type === 'image')).toHaveLength(8);
  });

  it('the CSV message links the signed URL with its & written as Slack reads it', () => {
    const message = buildAnalyticsCsvMessage({
      section: 'slip_by_side',
      title: 'Slip by side',
      scopeLabel: HOSTILE,
      url: 'https://thread.test/analytics/csv/abc.csv?expires=1&sig=xyz',
      fileName: 'thread-slip-by-side-90d-2026-11-24.csv',
      expiresAt: AS_OF,
    });
    expect(limitProblems(message.blocks, 50)).toEqual([]);
    expect(escapingProblems(message.blocks)).toEqual([]);
    expect(JSON.stringify(message.blocks)).toContain('expires=1&amp;sig=xyz|thread-slip-by-side-90d-2026-11-24.csv>');
  });
});
