/**
 * Analytics through Slack and the signed links, as people reach them: `/thread analytics` (refused for a CSM,
 * answered for a CS leader and an admin), App Home → Analytics published section by section, the chart Slack
 * fetches for each image block (a real PNG; forged, altered and expired links refused), and Export CSV, whose link
 * arrives in the clicker's DM and downloads a CSV that no spreadsheet runs as a formula.
 */
import type { Express } from 'express';
import request from 'supertest';
import { createVegaChartRenderer } from '../../../src/connectors/charts/vega-chart-renderer';
import { CHART_HEIGHT, CHART_SCALE, CHART_WIDTH } from '../../../src/domain/analytics-charts';
import { createHttpApp } from '../../../src/http/app';
import { createAnalyticsRouter } from '../../../src/http/analytics/analytics-router';
import { silentLogger } from '../../../src/lib/logger';
import { createAccount } from '../../../src/services/accounts/create-account';
import { setRole } from '../../../src/services/people/set-role';
import { ACTIONS, VIEWS } from '../../../src/slack/ids';
import { blocksOf, buttons, findButton, textOf } from '../../support/block-kit';
import { pngSize } from '../../support/png';
import { CSM, PUBLIC_URL, useSlackHarness, type SeenMessage } from '../../support/slack-harness';

const SECRET = Buffer.alloc(32, 7);
const LEAD = 'ULEAD0001';
const OTHER_CSM = 'UCSMB0002';
const EVIL_CSM = 'UEVIL0003';
const EVIL_NAME = '=HYPERLINK("https://evil.example","Casey")';

const h = useSlackHarness({}, { analytics: { secret: SECRET, publicUrl: PUBLIC_URL } });

/** The server's /analytics routes on the harness's database and clock. */
function analyticsApp(): Express {
  return createHttpApp({
    logger: silentLogger,
    readiness: { checkDatabase: async () => {} },
    routers: [
      {
        path: '/analytics',
        router: createAnalyticsRouter({ ctx: h.ctx, secret: SECRET, renderer: createVegaChartRenderer() }),
      },
    ],
  });
}

/** GET a link Thread handed out under PUBLIC_URL, as Slack or a browser would. */
function fetchLink(url: string) {
  expect(url.startsWith(`${PUBLIC_URL}/analytics/`)).toBe(true);
  const u = new URL(url);
  return request(analyticsApp())
    .get(`${u.pathname}${u.search}`)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
}

/** The demo organisation (the CSM its admin), a CS leader and two more CSMs, one with a name that is a formula. */
async function team() {
  const seeded = await h.seed();
  for (const [id, name] of [
    [LEAD, 'Lee Leader'],
    [OTHER_CSM, 'Bo Other'],
    [EVIL_CSM, EVIL_NAME],
  ] as const)
    h.fake.addUser({ id, name, email: `${id.toLowerCase()}@vendor.test` });
  await h.addPerson(LEAD, 'lead', { name: 'Lee Leader' });
  await h.addPerson(OTHER_CSM, 'csm', { name: 'Bo Other' });
  await h.addPerson(EVIL_CSM, 'csm', { name: EVIL_NAME });
  const evil = await h.actor(EVIL_CSM);
  await createAccount(h.ctx, {
    organizationId: seeded.organizationId,
    name: '@SUM(1+1) Corp',
    templateName: seeded.templateName,
    csmSlackUserId: EVIL_CSM,
    kickoffDate: '2026-11-02',
    contact: { email: 'ada@sum.example' },
    actor: { userId: evil.userId },
  });
  // The admin's first request reads their Slack profile, so they are known by their name.
  await h.command('accounts');
  h.forget();
  return seeded;
}

const images = (seen: { blocks?: unknown[] }) => blocksOf(seen.blocks).filter((b) => b.type === 'image');

/** The image block of a section, by the words its alt text starts with. */
function chartOf(seen: { blocks?: unknown[] }, title: string): { image_url: string; alt_text: string } {
  const found = images(seen).find((b) => String(b.alt_text).includes(`: ${title},`));
  if (!found) throw new Error(`no chart of ${title}`);
  return found as unknown as { image_url: string; alt_text: string };
}

describe('/thread analytics', () => {
  it('refuses a CSM with a sentence naming who may read analytics and the admin to ask', async () => {
    await team();
    await h.command('analytics', { as: OTHER_CSM });
    const reply = h.lastReply();
    expect(textOf(reply.blocks)).toContain('Analytics are for admins and CS leaders; your role is CSM.');
    expect(textOf(reply.blocks)).toContain(`Ask <@${CSM}> to make you a CS leader`);
    expect(images(reply)).toHaveLength(0);
  });

  it('answers a CS leader with every section: a chart with alt text for each that has numbers, the numbers in text beside it', async () => {
    await team();
    await h.command('analytics', { as: LEAD });
    const reply = h.lastReply();
    const text = textOf(reply.blocks);
    expect(text).toContain('the last 90 days');
    for (const title of ['Time to value by template', 'On-time rate by milestone', 'Slip by side', 'CSM workload now'])
      expect(text).toContain(`*${title}*`);
    // Workload: the admin runs the three demo accounts, the formula-named CSM one.
    expect(text).toContain('Casey Morgan: 3 active accounts');
    expect(text).toContain(`${EVIL_NAME.replace(/&/g, '&amp;')}: 1 active account`);
    const workload = chartOf(reply, 'CSM workload now');
    expect(workload.alt_text).toContain('Casey Morgan: 3 active accounts');
    // Kickoffs: four accounts started in the period.
    expect(chartOf(reply, 'Kickoffs by month').alt_text).toMatch(/2026-11: \d kicked off/);
    // Sections with nothing in the period say so and have no chart.
    expect(text).toContain('Nothing in this period.');
    // A leader who is not an admin reads the template steps that slip most, with nothing to accept.
    const suggestions = findButton(reply.blocks, 'Template steps that slip most');
    expect(suggestions.actionId).toBe(ACTIONS.openSlipSuggestions);
    const before = h.opened.length;
    await h.click(suggestions, { as: LEAD });
    expect(h.opened).toHaveLength(before + 1);
    expect(h.lastOpened().callback_id).toBe(VIEWS.slipSuggestions);
    expect(buttons(h.lastOpened().blocks).map((b) => b.actionId)).not.toContain(ACTIONS.acceptSlipSuggestion);
  });

  it('answers an admin with the filters applied, and the slip suggestions button', async () => {
    await team();
    await h.command('analytics 12m csm:@me template:"B2B SaaS onboarding"');
    const reply = h.lastReply();
    const text = textOf(reply.blocks);
    expect(text).toContain('the last 12 months · template B2B SaaS onboarding · CSM Casey Morgan');
    expect(text).toContain('Casey Morgan: 3 active accounts');
    expect(text).not.toContain('1 active account');

    // Someone else by @mention: only their accounts.
    await h.command(`analytics csm:<@${EVIL_CSM}|evil>`, { as: LEAD });
    const theirs = textOf(h.lastReply().blocks);
    expect(theirs).toContain('1 active account');
    expect(theirs).not.toContain('Casey Morgan:');
    // The template steps that slip most, for the template the view is filtered to (m-suggest's listener reads it).
    const template = await h.db.prisma.template.findFirstOrThrow({ where: { name: 'B2B SaaS onboarding' } });
    expect(findButton(reply.blocks, 'Template steps that slip most')).toMatchObject({
      actionId: ACTIONS.openSlipSuggestions,
      value: `template:${template.id}`,
    });
  });

  it('names what it could not read: an unknown period, filter or template', async () => {
    await team();
    await h.command('analytics lastweek', { as: LEAD });
    expect(h.lastReply().text).toContain('"lastweek" is not a period Thread knows: use 30d, 90d, 12m, ytd');
    await h.command('analytics 90d owner:@me', { as: LEAD });
    expect(h.lastReply().text).toContain('unknown filter "owner:"');
    await h.command('analytics template:Nope', { as: LEAD });
    expect(h.lastReply().text).toContain('there is no template named "Nope"; the templates are B2B SaaS onboarding.');
  });

  it('lists analytics in help for leaders and admins only', async () => {
    await team();
    expect(textOf((await h.command('help', { as: LEAD })).body.blocks)).toContain('/thread analytics');
    expect(textOf((await h.command('help')).body.blocks)).toContain('/thread analytics');
    expect(textOf((await h.command('help', { as: OTHER_CSM })).body.blocks)).not.toContain('/thread analytics');
  });
});

describe('chart links', () => {
  it('serve the chart as a real PNG of 1280 × 640 until they expire', async () => {
    await team();
    await h.command('analytics', { as: LEAD });
    const { image_url } = chartOf(h.lastReply(), 'CSM workload now');
    const res = await fetchLink(image_url);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(pngSize(res.body as Buffer)).toEqual({
      width: CHART_WIDTH * CHART_SCALE,
      height: CHART_HEIGHT * CHART_SCALE,
    });

    h.ctx.advance(8 * 24 * 3_600_000);
    const expired = await fetchLink(image_url);
    expect(expired.status).toBe(403);
    expect(String(expired.body)).toContain('not valid or has expired');
  });

  it('refuse a forged signature and an altered request', async () => {
    await team();
    await h.command('analytics', { as: LEAD });
    const url = new URL(chartOf(h.lastReply(), 'CSM workload now').image_url);
    const forged = new URL(url);
    forged.searchParams.set('sig', 'A'.repeat(43));
    expect((await fetchLink(forged.toString())).status).toBe(403);
    // Another section under the same signature.
    const payload = url.pathname
      .split('/')
      .at(-1)!
      .replace(/\.png$/, '');
    const request = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const altered = new URL(url);
    altered.pathname = `/analytics/charts/${Buffer.from(JSON.stringify({ ...request, s: 'accounts_at_risk' })).toString('base64url')}.png`;
    expect((await fetchLink(altered.toString())).status).toBe(403);
    const later = new URL(url);
    later.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 86_400));
    expect((await fetchLink(later.toString())).status).toBe(403);
  });

  it('stop working for a leader who is no longer one', async () => {
    const { organizationId } = await team();
    await h.command('analytics', { as: LEAD });
    const { image_url } = chartOf(h.lastReply(), 'CSM workload now');
    await setRole(h.ctx, { organizationId, actor: 'cli', person: { slackUserId: LEAD }, role: 'viewer' });
    const res = await fetchLink(image_url);
    expect(res.status).toBe(403);
    expect(JSON.parse(String(res.body))).toMatchObject({ error: 'forbidden' });
  });
});

describe('Export CSV', () => {
  async function exportWorkload(from: SeenMessage, as: string) {
    const target = buttons(from.blocks).filter((b) => b.actionId === ACTIONS.analyticsExportCsv);
    // The workload table's button: the one after the workload chart.
    const workloadIndex = blocksOf(from.blocks).findIndex((b) => textOf([b]).includes('*CSM workload now*'));
    const value = blocksOf(from.blocks)
      .slice(workloadIndex)
      .flatMap((b) => buttons([b]))
      .find((b) => b.actionId === ACTIONS.analyticsExportCsv)!.value;
    expect(target.map((b) => b.value)).toContain(value);
    h.forget();
    await h.click({ actionId: ACTIONS.analyticsExportCsv, value }, { as });
    const dm = h.lastPosted();
    expect(dm.channel).toBe(as);
    return dm;
  }

  it('sends the signed link to the clicker’s DM, and it downloads the table as CSV no spreadsheet runs as a formula', async () => {
    await team();
    await h.command('analytics', { as: LEAD });
    const dm = await exportWorkload(h.lastReply(), LEAD);
    const text = textOf(dm.blocks);
    expect(text).toContain('Your CSV of *CSM workload now*');
    const url = /<(http[^|>]+)\|/.exec(text)![1]!.replace(/&amp;/g, '&');
    const res = await fetchLink(url);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="thread-csm-workload-90d-2026-11-24\.csv"$/,
    );
    const csv = (res.body as Buffer).toString('utf8').replace(/^\ufeff/, '');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('CSM,Active accounts,Drafts waiting,Overdue actions');
    expect(lines.some((l) => l.startsWith(`"'=HYPERLINK(""https://evil.example"",""Casey"")",1,0,`))).toBe(true);
    expect(lines.some((l) => /^Casey Morgan,3,\d+,\d+$/.test(l))).toBe(true);

    // The CSV link is signed too: altered, it downloads nothing.
    expect((await fetchLink(url.replace(/sig=[^&]+/, `sig=${'B'.repeat(43)}`))).status).toBe(403);
  });

  it('refuses a button value Thread did not sign, in the DM', async () => {
    await team();
    await h.click({ actionId: ACTIONS.analyticsExportCsv, value: 'made-up.1.sig' }, { as: LEAD });
    const dm = h.lastPosted();
    expect(dm.channel).toBe(LEAD);
    expect(dm.text).toContain('this Export button is too old or was not made by Thread');
  });
});

describe('App Home → Analytics', () => {
  const homeOf = (slackUserId: string) => h.published.filter((p) => p.userId === slackUserId).at(-1)!.view;

  it('is offered to leaders and admins, not to CSMs', async () => {
    await team();
    for (const [who, offered] of [
      [LEAD, true],
      [CSM, true],
      [OTHER_CSM, false],
    ] as const) {
      await h.send({ type: 'app_home_opened', user: who, tab: 'home' });
      expect(buttons(homeOf(who).blocks).some((b) => b.actionId === ACTIONS.homeOpenAnalytics)).toBe(offered);
    }
  });

  it('shows the first chart at once and publishes the rest as they are computed; Back to my day restores the Home', async () => {
    await team();
    h.forget();
    await h.click(
      { actionId: ACTIONS.homeOpenAnalytics, value: 'home' },
      { as: LEAD, withoutResponseUrl: true, container: { type: 'view', view_id: 'VHOME' } },
    );
    const publishes = h.published.filter((p) => p.userId === LEAD);
    expect(publishes).toHaveLength(8);
    const computing = (i: number) => (textOf(publishes[i]!.view.blocks).match(/Computing…/g) ?? []).length;
    expect(publishes.map((_, i) => computing(i))).toEqual([7, 6, 5, 4, 3, 2, 1, 0]);
    const last = publishes.at(-1)!.view;
    expect(textOf(last.blocks)).toContain('Casey Morgan: 3 active accounts');
    expect(images(last).every((b) => String(b.alt_text).length > 20)).toBe(true);
    // Leaders read the template steps that slip most; the modal gives Accept to admins only.
    expect(buttons(last.blocks).map((b) => b.actionId)).toContain(ACTIONS.openSlipSuggestions);

    h.forget();
    await h.click(findButton(last.blocks, 'Back to my day'), { as: LEAD, withoutResponseUrl: true });
    expect(textOf(homeOf(LEAD).blocks)).toContain('Your onboarding today');
  });

  it('computes the view again for the period picked', async () => {
    await team();
    await h.click({ actionId: ACTIONS.homeOpenAnalytics, value: 'home' }, { as: LEAD, withoutResponseUrl: true });
    expect(textOf(homeOf(LEAD).blocks)).toContain('*Period:* the last 90 days');
    h.forget();
    await h.select(
      ACTIONS.analyticsPeriod,
      { text: 'Last 12 months', value: '12m' },
      { as: LEAD, container: { type: 'view', view_id: 'VHOME' } },
    );
    const publishes = h.published.filter((p) => p.userId === LEAD);
    expect(publishes).toHaveLength(8);
    expect(textOf(publishes.at(-1)!.view.blocks)).toContain('*Period:* the last 12 months');
  });

  it('offers an admin the template steps that slip most', async () => {
    await team();
    await h.click({ actionId: ACTIONS.homeOpenAnalytics, value: 'home' }, { withoutResponseUrl: true });
    expect(findButton(homeOf(CSM).blocks, 'Template steps that slip most').actionId).toBe(ACTIONS.openSlipSuggestions);
  });

  it('refuses a CSM in a small modal that says who may', async () => {
    await team();
    await h.click({ actionId: ACTIONS.homeOpenAnalytics, value: 'home' }, { as: OTHER_CSM, withoutResponseUrl: true });
    expect(textOf(h.lastOpened().blocks)).toContain('Analytics are for admins and CS leaders; your role is CSM.');
  });
});

describe('the People modal', () => {
  it('offers the CS leader role', async () => {
    await team();
    await h.command('people');
    expect(textOf(h.lastOpened())).toContain('CS leader');
  });
});
