/**
 * Accounts made from HubSpot follow HubSpot: on a webhook for their deal and on the sync, the company's domain and
 * industry and the contacts are refreshed; a contact removed in HubSpot is flagged in Thread, never deleted. The
 * account card links to the company in HubSpot.
 */
import { getAccountOverview } from '../../../src/services/accounts/get-account-overview';
import { readCrmFacts } from '../../../src/services/hubspot/crm-facts';
import { syncHubSpot } from '../../../src/services/hubspot/sync-hubspot';
import { stageChange } from '../../support/hubspot-webhook';
import { PORTAL_ID, useHubSpotFixture } from './hubspot-fixture';

const f = useHubSpotFixture();

async function importedDeal() {
  const made = f.closedDeal();
  await f.deliver([stageChange({ portalId: PORTAL_ID, dealId: made.deal.id, stage: 'closedwon' })]);
  await f.queue.idle();
  const [account] = await f.accounts();
  if (!account) throw new Error('the deal made no account');
  return { ...made, accountId: account.id };
}

const contactsOf = async (accountId: string) =>
  (await f.t.db.prisma.contact.findMany({ where: { accountId }, orderBy: { email: 'asc' } })).map((c) => ({
    email: c.email,
    name: c.name,
    title: c.title,
    removed: c.removedFromCrmAt !== null,
  }));

describe('an account made from HubSpot', () => {
  it('follows its company and contacts on the next webhook for its deal, and flags a contact removed in HubSpot', async () => {
    const { deal, company, contacts, accountId } = await importedDeal();
    f.hubspot.updateCompany(company!.id, { domain: 'acme.example', industry: 'ROBOTICS' });
    f.hubspot.updateContact(contacts.ada.id, { lastname: 'King', jobtitle: 'Chief Technology Officer' });
    f.hubspot.unassociate({ type: 'deals', id: deal.id }, { type: 'contacts', id: contacts.bob.id });
    const carol = f.hubspot.addContact({ firstname: 'Carol', lastname: 'Danvers', email: 'carol@acme-robotics.test' });
    f.hubspot.associate({ type: 'deals', id: deal.id }, { type: 'contacts', id: carol.id });
    f.hubspot.updateDeal(deal.id, { amount: '52000' });

    await f.deliver([stageChange({ portalId: PORTAL_ID, dealId: deal.id, stage: 'closedwon' })]);
    await f.queue.idle();

    const [account] = await f.accounts();
    expect(account).toMatchObject({ domain: 'acme.example', industry: 'Robotics', arr: 48000 });
    expect(readCrmFacts(account!.crmFacts, accountId)?.amount).toBe(52000);
    expect(await contactsOf(accountId)).toEqual([
      { email: 'ada@acme-robotics.test', name: 'Ada King', title: 'Chief Technology Officer', removed: false },
      { email: 'bob@acme-robotics.test', name: 'Bob Builder', title: 'Ops', removed: true },
      { email: 'carol@acme-robotics.test', name: 'Carol Danvers', title: null, removed: false },
    ]);
    const audit = await f.t.db.prisma.auditEvent.findMany({
      where: { accountId, actor: 'hubspot', entityType: 'contact' },
      orderBy: { at: 'asc' },
    });
    expect(audit.map((a) => a.reason)).toEqual(
      expect.arrayContaining([
        'name refreshed from HubSpot',
        'title refreshed from HubSpot',
        'Carol Danvers <carol@acme-robotics.test> added from HubSpot',
        'Bob Builder <bob@acme-robotics.test> is no longer on the deal or its company in HubSpot: kept, flagged',
      ]),
    );
    expect(f.handoffs).toHaveLength(1);

    // Back on the deal in HubSpot: no longer flagged.
    f.hubspot.associate({ type: 'deals', id: deal.id }, { type: 'contacts', id: contacts.bob.id });
    await f.deliver([stageChange({ portalId: PORTAL_ID, dealId: deal.id, stage: 'closedwon' })]);
    await f.queue.idle();
    expect((await contactsOf(accountId)).find((c) => c.email === 'bob@acme-robotics.test')?.removed).toBe(false);
  });

  it('is refreshed by the sync when only its company changed (its deal untouched)', async () => {
    const { company, accountId } = await importedDeal();
    // A sync well after the deal last changed (beyond the sync's overlap), so the next one does not find the deal.
    f.ctx.setNow(new Date(f.hubspot.clockNow().getTime() + 10 * 60_000));
    await syncHubSpot(f.ctx, f.deps, { organizationId: f.organizationId, actor: 'cli' });
    f.hubspot.updateCompany(company!.id, { industry: 'HOSPITAL_HEALTH_CARE' });
    f.ctx.advance(15 * 60_000);
    const report = await syncHubSpot(f.ctx, f.deps, { organizationId: f.organizationId, actor: 'cli' });
    expect(report.found).toBe(0);
    expect(report.refreshed).toBe(1);
    expect(report.outcomes).toEqual([
      expect.objectContaining({
        kind: 'synced',
        accountId,
        changes: ['industry: Computer software → Hospital health care'],
      }),
    ]);
    expect((await f.accounts())[0]?.industry).toBe('Hospital health care');
  });

  it('links its card to the company in HubSpot', async () => {
    const { company, accountId } = await importedDeal();
    const overview = await getAccountOverview(f.ctx, { organizationId: f.organizationId, accountId });
    expect(overview.hubspotCompanyUrl).toBe(`https://app.hubspot.com/contacts/${PORTAL_ID}/company/${company!.id}`);
  });
});
