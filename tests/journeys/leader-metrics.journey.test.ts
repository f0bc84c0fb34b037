/**
 * Issue 13's journey: a CS leader reads the numbers of a year of onboardings, an admin changes the template step
 * that slips most, the CSM reads one account's metrics, and a customer sees whose move it is. The year is the
 * demo's (`thread seed demo`, played through Thread's services by the admin CLI in its own process); everyone else
 * acts through signed Slack requests, the signed chart and CSV links, and the portal over HTTP. The assertions
 * read what people see. No database code is imported.
 */
import { ACTIONS, VIEWS } from '../../src/slack/ids';
import { blocksOf, buttons, findButton, textOf } from '../support/block-kit';
import { JourneyDriver, PortalVisitor } from '../support/journey-driver';
import { waitFor } from '../support/wait-for';

const ADMIN = { id: 'UADMIN001', name: 'Avery Admin', email: 'avery@acme-robotics.test', title: 'Head of CS' };
const CSM = { id: 'UCSM00002', name: 'Jordan Reyes', email: 'jordan.reyes@acme-robotics.test', title: 'CSM' };
const LEAD = { id: 'ULEAD0003', name: 'Lee Leader', email: 'lee@acme-robotics.test', title: 'VP Customer Success' };
const CHANNEL = { id: 'CCSMTEAM', name: 'csm-team', isMember: true };
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

// The wall clock: the CLI plays the demo's past year up to today, and Thread reads it on the same clock.
const j = new JourneyDriver({ tickCron: '0 0 0 1 1 *' });

/** `/thread <text>` as someone, and what Slack shows them: the command's own answer, or its later ephemeral reply. */
async function ask(text: string, as: string): Promise<{ args: Record<string, unknown> }> {
  const before = j.calls('response_url').length;
  const answer = await j.command(text, as, CHANNEL.id);
  if (answer.blocks || answer.text) return { args: answer };
  return j.next('response_url', before, `the reply to /thread ${text}`);
}

function imagesOf(blocks: unknown): { image_url: string; alt_text: string }[] {
  return blocksOf(blocks).filter((b) => b.type === 'image') as unknown as { image_url: string; alt_text: string }[];
}

async function fetchBytes(url: string): Promise<{ status: number; type: string | null; body: Buffer }> {
  const res = await j.fetch(url);
  return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
}

describe('a leader reads a year of onboardings; the customer sees whose move it is (issue 13)', () => {
  beforeAll(async () => {
    await j.start();
    for (const person of [ADMIN, CSM, LEAD]) j.fake.addUser({ ...person });
    j.fake.addChannel({ ...CHANNEL });
    await j.startThread();
  }, 60_000);

  afterAll(async () => {
    await j.stop();
  });

  it('plays the demo year, then reads it as a leader, an admin, a CSM and a customer', async () => {
    // The first person is the admin; the CSM and the CS leader are added from the command line. The CSM uses
    // Thread once, so Thread knows their email from Slack and can send the past customers' email as them.
    await ask('help', ADMIN.id);
    expect((await j.cli(['people', 'add', CSM.id, 'csm'])).code).toBe(0);
    const lead = await j.cli(['people', 'add', LEAD.id, 'lead']);
    expect(lead.stdout).toContain('CS leader');
    await ask('help', CSM.id);
    const seeded = await j.cli(['seed', 'demo', '--csm', CSM.id]);
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toContain('Past onboardings played: Alder Freight, Bluefin Payments');
    expect(seeded.stderr).toMatch(/Playing the past year: day \d+ of \d+/);

    // A CSM may not read analytics, and is told who may.
    const refused = await ask('analytics', CSM.id);
    expect(textOf(refused.args.blocks) || String(refused.args.text)).toContain(
      'Analytics are for admins and CS leaders',
    );

    // The leader's analytics for the year: each section a chart with its numbers beside it.
    const year = await ask('analytics 12m', LEAD.id);
    const text = textOf(year.args.blocks);
    for (const title of ['Time to value by template', 'On-time rate by milestone', 'Blockers by cause', 'Slip by side'])
      expect(text).toContain(title);
    expect(text).toContain('B2B SaaS onboarding');
    const charts = imagesOf(year.args.blocks);
    expect(charts.length).toBeGreaterThanOrEqual(4);
    for (const chart of charts) expect(chart.alt_text.length).toBeGreaterThan(20);
    // Slack fetches each chart from PUBLIC_URL: a real PNG.
    const png = await fetchBytes(charts[0]!.image_url);
    expect(png.status).toBe(200);
    expect(png.type).toBe('image/png');
    expect(png.body.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);

    // Export CSV: the link reaches the leader's DM and downloads the table.
    const dmsBefore = j.calls('chat.postMessage').length;
    const exports = buttons(year.args.blocks).filter((b) => b.label === 'Export CSV');
    expect(exports.length).toBeGreaterThanOrEqual(4);
    await j.click(exports[0]!, LEAD.id, {
      container: { type: 'message', is_ephemeral: true },
      channel: { id: CHANNEL.id },
    });
    const dm = await waitFor(
      () =>
        j
          .calls('chat.postMessage')
          .slice(dmsBefore)
          .find((c) => /\/analytics\/csv\//.test(JSON.stringify(c.args))),
      { description: 'the CSV link in the leader’s DM' },
    );
    const csvLink = /http:\/\/thread\.journey\.test\/analytics\/csv\/[^\s"|>]+/.exec(JSON.stringify(dm.args))?.[0];
    expect(csvLink).toBeDefined();
    // Slack's mrkdwn carries the link's & as &amp;, and the person's click follows the link as Slack decodes it.
    const csv = await j.fetch(csvLink!.replace(/&amp;/g, '&'));
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect((await csv.text()).split('\n').length).toBeGreaterThan(1);

    // App Home → Analytics: the first section is published before the rest.
    await j.event({ type: 'app_home_opened', user: LEAD.id, tab: 'home', channel: 'DLEAD' });
    const home = await waitFor(
      () =>
        j
          .calls('views.publish')
          .filter((c) => c.args.user_id === LEAD.id)
          .at(-1),
      { description: 'the leader’s Home tab' },
    );
    const publishedBefore = j.calls('views.publish').length;
    await j.click(findButton(j.asView(home.args.view).blocks, 'Analytics'), LEAD.id, {
      view: { id: 'VHOME', type: 'home' },
    });
    const views = await waitFor(
      () => {
        const published = j.calls('views.publish').slice(publishedBefore);
        return published.length >= 2 ? published : undefined;
      },
      { description: 'App Home → Analytics, published section by section' },
    );
    expect(imagesOf(j.asView(views[0]!.args.view).blocks).length).toBeGreaterThanOrEqual(1);
    expect(imagesOf(j.asView(views.at(-1)!.args.view).blocks).length).toBeGreaterThan(
      imagesOf(j.asView(views[0]!.args.view).blocks).length,
    );

    // The admin opens the template steps that slip most and accepts the first suggestion: a new template version.
    const adminView = await ask('analytics 12m', ADMIN.id);
    const opensBefore = j.calls('views.open').length;
    await j.click(findButton(adminView.args.blocks, 'Template steps that slip most'), ADMIN.id, {
      container: { type: 'message', is_ephemeral: true },
      channel: { id: CHANNEL.id },
    });
    const suggestions = j.asView(
      (await j.next('views.open', opensBefore, 'the template suggestions modal')).args.view,
      VIEWS.slipSuggestions,
    );
    const accept = buttons(suggestions.blocks).find((b) => b.actionId === ACTIONS.acceptSlipSuggestion);
    expect(accept).toBeDefined();
    const updatesBefore = j.calls('views.update').length;
    await j.clickInView(accept!, ADMIN.id, suggestions);
    const accepted = await j.next('views.update', updatesBefore, 'the modal to say the change was made');
    expect(textOf(j.asView(accepted.args.view).blocks)).toMatch(/Accepted: "B2B SaaS onboarding" is now v2/);
    expect((await j.cli(['templates', 'list'])).stdout).toMatch(/B2B SaaS onboarding +v2 /);

    // The CSM reads one running account's metrics: time to value and whose days the slip was.
    const metrics = textOf((await ask('metrics Kestrel Mobility', CSM.id)).args.blocks);
    expect(metrics).toContain('Time to value');
    expect(metrics).toMatch(/On track|\d+ days? behind/);

    // The customer of a running account sees where things stand and whose move it is.
    const portal = await j.cli(['portal', 'link', 'Lumen Studios']);
    // The CLI prints the link under its own PUBLIC_URL; the customer's browser opens the same path on Thread.
    const link = /\/portal\/[A-Za-z0-9_-]{20,}/.exec(portal.stdout)?.[0];
    expect(link).toBeDefined();
    const page = await new PortalVisitor(j, link!).get();
    expect(page.status).toBe(200);
    expect(page.html).toContain('Where things stand');
    expect(page.html).toMatch(/On track|behind plan/);
    expect(page.html).toMatch(/[Ww]aiting on (you|us)|[Nn]othing waiting/);
  }, 240_000);
});
