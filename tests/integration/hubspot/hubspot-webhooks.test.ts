/**
 * POST /webhooks/hubspot through the real Express app (supertest), signed as HubSpot signs: a closed-won deal becomes
 * one account pending its handoff; forged, stale and unknown deliveries are refused; a replay is processed once;
 * deliveries out of order are judged on the deal as HubSpot has it now.
 */
import { readCrmFacts } from '../../../src/services/hubspot/crm-facts';
import { getHubSpotStatus } from '../../../src/services/hubspot/get-hubspot-status';
import { dealCreated, stageChange } from '../../support/hubspot-webhook';
import { AE, CSM, PORTAL_ID, useHubSpotFixture } from './hubspot-fixture';

const f = useHubSpotFixture();

describe('a signed webhook for a deal that reached closed won', () => {
  it('is answered 200 at once, then makes one account pending its handoff from the deal, its company, contacts and owner', async () => {
    const { deal, company, contacts } = f.closedDeal();
    const res = await f.deliver([stageChange({ portalId: PORTAL_ID, dealId: deal.id, stage: 'closedwon' })]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: 1, new: 1 });
    await f.queue.idle();

    const [account, ...others] = await f.accounts();
    expect(others).toEqual([]);
    expect(account).toMatchObject({
      name: 'Acme Robotics',
      domain: 'www.acme-robotics.test',
      industry: 'Computer software',
      status: 'pending_handoff',
      arr: 48000,
      hubspotDealId: deal.id,
      hubspotCompanyId: company!.id,
    });
    expect(account!.ae?.slackUserId).toBe(AE.id);
    expect(account!.csm?.slackUserId).toBe(CSM.id);
    // The contact HubSpot labels primary is the primary one, whatever its place in HubSpot's list.
    expect(account!.contacts.map((c) => [c.email, c.name, c.title, c.isPrimary, c.hubspotContactId])).toEqual([
      ['ada@acme-robotics.test', 'Ada Lovelace', 'CTO', true, contacts.ada.id],
      ['bob@acme-robotics.test', 'Bob Builder', 'Ops', false, contacts.bob.id],
    ]);
    expect(readCrmFacts(account!.crmFacts, account!.id)).toEqual({
      source: 'hubspot',
      portalId: String(PORTAL_ID),
      dealId: deal.id,
      dealName: 'Acme Robotics – platform',
      amount: 48000,
      currency: 'EUR',
      closeDate: '2026-01-04',
      pipelineId: 'default',
      stageId: 'closedwon',
      ownerEmail: AE.email,
      seats: 40,
      companyId: company!.id,
      // The default handoff questions pre-fill "ARR agreed" from the deal's amount.
      properties: { amount: '48000' },
      gaps: [],
      syncedAt: f.ctx.now().toISOString(),
    });
    // Nothing of the plan is started or due while the handoff is pending.
    const milestones = await f.t.db.prisma.milestone.findMany({ where: { accountId: account!.id } });
    expect(milestones.every((m) => m.status === 'pending')).toBe(true);
    expect(await f.t.db.prisma.action.count({ where: { accountId: account!.id, dueAt: { not: null } } })).toBe(0);
    expect(f.handoffs).toEqual([{ organizationId: f.organizationId, accountId: account!.id }]);
    const audit = await f.t.db.prisma.auditEvent.findMany({ where: { accountId: account!.id, entityType: 'account' } });
    expect(audit.map((a) => [a.actor, a.toState])).toEqual([
      ['hubspot', 'pending_handoff'],
      ['hubspot', 'pending_handoff'],
    ]);
    expect(audit[1]!.reason).toBe(
      `made from HubSpot deal ${deal.id} (Acme Robotics – platform), which reached stage closedwon`,
    );
  });

  it('still makes the account when the deal has no company and no amount, with the gaps listed for the CSM', async () => {
    const { deal } = f.closedDeal({ company: null, amount: null, name: 'Globex expansion' });
    await f.deliver([stageChange({ portalId: PORTAL_ID, dealId: deal.id, stage: 'closedwon' })]);
    await f.queue.idle();
    const [account] = await f.accounts();
    expect(account).toMatchObject({ name: 'Globex expansion', arr: 0, domain: null, hubspotCompanyId: null });
    expect(readCrmFacts(account!.crmFacts, account!.id)?.gaps).toEqual([
      'the deal has no company: the account is named after the deal, with no domain or industry',
      'the deal has no amount: ARR is 0',
    ]);
  });

  it('names a second deal of the same company apart, by its deal id', async () => {
    const first = f.closedDeal();
    const second = f.closedDeal();
    await f.deliver([stageChange({ portalId: PORTAL_ID, dealId: first.deal.id, stage: 'closedwon' })]);
    await f.queue.idle();
    await f.deliver([stageChange({ portalId: PORTAL_ID, dealId: second.deal.id, stage: 'closedwon' })]);
    await f.queue.idle();
    expect((await f.accounts()).map((a) => a.name)).toEqual([
      'Acme Robotics',
      `Acme Robotics (deal ${second.deal.id})`,
    ]);
  });
});

describe('deliveries Thread refuses', () => {
  it('refuses a delivery signed with another secret (forged), and does nothing', async () => {
    const { deal } = f.closedDeal();
    const before = f.hubspot.calls.length;
    const res = await f.deliver([stageChange({ portalId: PORTAL_ID, dealId: deal.id, stage: 'closedwon' })], {
      clientSecret: 'not-the-secret',
    });
    expect(res.status).toBe(401);
    await f.queue.idle();
    expect(await f.accounts()).toEqual([]);
    expect(f.hubspot.calls.length).toBe(before);
    expect(await f.t.db.prisma.processedEvent.count()).toBe(0);
  });

  it('refuses a correctly signed delivery whose timestamp is more than five minutes old (stale)', async () => {
    const { deal } = f.closedDeal();
    const res = await f.deliver([stageChange({ portalId: PORTAL_ID, dealId: deal.id, stage: 'closedwon' })], {
      timestamp: Date.now() - 5 * 60_000 - 1000,
    });
    expect(res.status).toBe(401);
    await f.queue.idle();
    expect(await f.accounts()).toEqual([]);
  });

  it('refuses a delivery signed for another URL than PUBLIC_URL’s', async () => {
    const { deal } = f.closedDeal();
    const res = await f.deliver([stageChange({ portalId: PORTAL_ID, dealId: deal.id, stage: 'closedwon' })], {
      uri: 'http://127.0.0.1:3000/webhooks/hubspot',
    });
    expect(res.status).toBe(401);
  });

  it('refuses a HubSpot account nobody connected, and a body that is not HubSpot’s', async () => {
    const res = await f.deliver([stageChange({ portalId: 123, dealId: '1', stage: 'closedwon' })]);
    expect(res.status).toBe(401);
    const junk = await f.deliver([{ hello: 'world' }]);
    expect(junk.status).toBe(400);
  });
});

describe('at least once, out of order', () => {
  it('processes a replayed delivery (same eventId) once', async () => {
    const { deal } = f.closedDeal();
    const event = stageChange({ portalId: PORTAL_ID, dealId: deal.id, stage: 'closedwon' });
    expect((await f.deliver([event])).body).toEqual({ received: 1, new: 1 });
    expect((await f.deliver([event])).body).toEqual({ received: 1, new: 0 });
    await f.queue.idle();
    expect(await f.accounts()).toHaveLength(1);
    expect(f.handoffs).toHaveLength(1);
  });

  it('re-reads the deal: a late "closed won" for a deal since lost makes nothing', async () => {
    const { deal } = f.closedDeal({ stage: 'closedlost' });
    await f.deliver([stageChange({ portalId: PORTAL_ID, dealId: deal.id, stage: 'closedwon' })]);
    await f.queue.idle();
    expect(await f.accounts()).toEqual([]);
  });

  it('re-reads the deal: an old "contract sent" arriving after the deal closed still makes the account', async () => {
    const { deal } = f.closedDeal({ stage: 'closedwon' });
    await f.deliver([
      dealCreated({ portalId: PORTAL_ID, dealId: deal.id }),
      stageChange({ portalId: PORTAL_ID, dealId: deal.id, stage: 'contractsent' }),
    ]);
    await f.queue.idle();
    expect((await f.accounts()).map((a) => a.hubspotDealId)).toEqual([deal.id]);
  });

  it('acknowledges events it does not act on (another object, another property) and does nothing with them', async () => {
    const { deal } = f.closedDeal();
    const res = await f.deliver([
      { ...stageChange({ portalId: PORTAL_ID, dealId: deal.id, stage: 'x' }), propertyName: 'amount' },
      { ...dealCreated({ portalId: PORTAL_ID, dealId: '42' }), subscriptionType: 'contact.creation' },
    ]);
    expect(res.status).toBe(200);
    await f.queue.idle();
    expect(await f.accounts()).toEqual([]);
  });
});

describe('when the deal cannot be handled', () => {
  it('shows HubSpot’s failure as the connector’s last error, in words', async () => {
    const { deal } = f.closedDeal();
    f.hubspot.failNext({ status: 503, times: 10, match: /GET \/crm\/v3\/objects\/deals\// });
    await f.deliver([stageChange({ portalId: PORTAL_ID, dealId: deal.id, stage: 'closedwon' })]);
    await f.queue.idle();
    f.hubspot.clearFaults();
    const status = await getHubSpotStatus(f.ctx, f.deps, { organizationId: f.organizationId, actor: 'cli' });
    expect(status.lastError).toMatchObject({
      during: 'webhook',
      message: `a webhook's deal ${deal.id} could not be handled: HubSpot answered with an error (503) while reading deal ${deal.id}, even after retrying`,
    });
    expect(await f.accounts()).toEqual([]);
  });
});
