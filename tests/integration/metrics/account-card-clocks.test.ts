/**
 * Whose court and the slip, as the CSM sees them in Slack: the account card (`/thread account`), its Metrics
 * button, `/thread metrics` and App Home, all through signed Slack requests. The account and its hand-worked
 * numbers are in clock-fixture.ts; the block is made through the Block milestone modal.
 */
import { findButton, textOf } from '../../support/block-kit';
import { CSM, useSlackHarness } from '../../support/slack-harness';
import { buildClockAccount, FRIDAY_15, THURSDAY_10 } from './clock-fixture';

const h = useSlackHarness();

const homeOf = (user: string) => {
  const home = h.published.filter((p) => p.userId === user).at(-1);
  if (!home) throw new Error(`no App Home was published for ${user}`);
  return textOf(home.view);
};

async function acmeBlockedThroughSlack() {
  await h.seed();
  // The CSM's first request stores their Slack profile: the SSO form's email goes out from their address.
  await h.command('help');
  const csm = await h.actor(CSM);
  const acme = await buildClockAccount(h.ctx, {
    organizationId: csm.organizationId,
    csm: { userId: csm.userId },
    csmSlackUserId: CSM,
  });
  h.ctx.setNow(THURSDAY_10);
  await h.command('account acme');
  await h.click(findButton(h.lastReply().blocks, 'Block milestone'));
  const modal = h.lastOpened();
  const refused = await h.submitView(modal, { note: 'Our SSO connector is broken', block_cause: null });
  expect(refused.body).toEqual({
    response_action: 'errors',
    errors: { block_cause: 'Choose whose move it is: the customer, us or a third party.' },
  });
  expect((await h.db.prisma.milestone.findUniqueOrThrow({ where: { id: acme.setupId } })).status).toBe('in_progress');
  await h.submitView(modal, { note: 'Our SSO connector is broken', block_cause: 'us' });
  return acme;
}

describe('the account card', () => {
  it('shows whose court it is in business time, the days behind plan and whose they are, and time to value', async () => {
    await acmeBlockedThroughSlack();
    h.ctx.setNow(FRIDAY_15);
    await h.command('account acme');
    const card = textOf(h.lastReply().blocks);
    expect(card).toContain('*Whose court:* Waiting on the customer: 1 item, 3 days · waiting on us: 1 item, 1 day');
    expect(card).toContain('*Schedule:* 3 days behind: 1 customer, 2 us');
    expect(card).toMatch(/\*Time to value:\* projected \d+ business days \(planned 3\), go-live expected /);
    expect(findButton(h.lastReply().blocks, 'Metrics').value).toBe(
      (await h.db.prisma.account.findFirstOrThrow({ where: { name: 'Acme Widgets' } })).id,
    );
  });

  it('opens the account’s metrics from its Metrics button', async () => {
    await acmeBlockedThroughSlack();
    h.ctx.setNow(FRIDAY_15);
    await h.command('account acme');
    await h.press(h.lastReply(), 'Metrics');
    const metrics = textOf(h.lastReply().blocks);
    expect(metrics).toContain('Metrics · Acme Widgets');
    expect(metrics).toContain('*Schedule:* 3 days behind: 1 customer, 2 us');
    // Setup has run Monday to Friday against 2 planned days; Go-Live has not started.
    expect(metrics).toContain('• *Setup*: 5 so far of 2 planned (+3), blocked');
    expect(metrics).toContain('• *Go-Live*: 1 planned, not started');
    // The SSO form was sent and not answered yet.
    expect(metrics).toContain('The customer answered 0 of 1 sent (0%)');
  });
});

describe('/thread metrics', () => {
  it('names one account in full, and without one lists the CSM’s running accounts furthest behind first', async () => {
    await acmeBlockedThroughSlack();
    h.ctx.setNow(FRIDAY_15);
    await h.command('metrics acme');
    expect(textOf(h.lastReply().blocks)).toContain('Metrics · Acme Widgets');

    await h.command('metrics');
    const list = textOf(h.lastReply().blocks);
    expect(list).toContain('Your accounts: metrics');
    expect(list).toMatch(
      /\*Acme Widgets\* · 3 days behind: 1 customer, 2 us\nTime to value: projected 6 business days/,
    );
    expect(list).toContain('Waiting on the customer: 1 item, 3 days · waiting on us: 1 item, 1 day');
    // Furthest behind first, by today's count: the demo's Northwind (kicked off twelve days ago) leads.
    const order = [...list.matchAll(/\*([A-Z][a-z]+ [A-Z][a-z]+)\* · /g)].map((m) => m[1]);
    expect(order).toEqual(['Northwind Logistics', 'Acme Widgets', 'Helios Health', 'Brightline Analytics']);
  });

  it('is listed in help', async () => {
    const help = await h.command('help');
    expect(textOf(help.body.blocks)).toContain('/thread metrics [account]');
  });
});

describe('App Home', () => {
  it('shows whose court it is beside each of the CSM’s accounts, refreshed by the block', async () => {
    await acmeBlockedThroughSlack();
    expect(homeOf(CSM)).toContain(
      '*Acme Widgets* · 0% · Setup · 2 days behind: 1 customer, 1 us\n      Waiting on the customer: 1 item, 2 days · waiting on us: 1 item, under an hour',
    );
  });
});
