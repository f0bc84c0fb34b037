/**
 * The HubSpot connector with the real @hubspot/api-client against the fake HubSpot on 127.0.0.1.
 */
import { hubspotClients } from '../../../src/connectors/hubspot/hubspot-client';
import { createHubSpotConnector } from '../../../src/connectors/hubspot/hubspot-connector';
import { AppError } from '../../../src/lib/errors';
import type { HubSpotConnectorFactory } from '../../../src/services/hubspot/hubspot-port';
import { startFakeHubSpot, type FakeHubSpot } from '../../support/fake-hubspot';

// The connector is the port's implementation: this fails to compile when the two drift apart.
const factory: HubSpotConnectorFactory = createHubSpotConnector satisfies HubSpotConnectorFactory;

let hubspot: FakeHubSpot;
const connector = () => factory({ accessToken: hubspot.token, baseUrl: hubspot.url });

beforeAll(async () => {
  hubspot = await startFakeHubSpot({ portalId: 777_001 });
});
afterAll(() => hubspot.close());

describe('reading HubSpot', () => {
  it('says which HubSpot account the token belongs to', async () => {
    const info = await connector().accountInfo();
    expect(info).toEqual({
      portalId: '777001',
      timeZone: 'Europe/London',
      currency: 'EUR',
      uiDomain: 'app.hubspot.com',
    });
    expect(hubspot.callsTo(/GET \/account-info\/v3\/details/).at(-1)?.authorization).toBe(`Bearer ${hubspot.token}`);
  });

  it('reads a deal with its own fields and the extra properties asked for, and null for a deal that does not exist', async () => {
    const deal = hubspot.addDeal({
      dealname: 'Acme renewal',
      amount: '48000.50',
      deal_currency_code: 'EUR',
      closedate: '2026-03-15T00:00:00.000Z',
      pipeline: 'default',
      dealstage: 'closedwon',
      hubspot_owner_id: '501',
      seats: '40',
    });
    const read = await connector().getDeal(deal.id, ['seats']);
    expect(read).toMatchObject({
      id: deal.id,
      name: 'Acme renewal',
      amount: 48000.5,
      currency: 'EUR',
      closeDate: '2026-03-15',
      pipelineId: 'default',
      stageId: 'closedwon',
      ownerId: '501',
    });
    expect(read?.properties.seats).toBe('40');
    expect(read?.lastModifiedAt).toBe(deal.properties.hs_lastmodifieddate);
    await expect(connector().getDeal('999999')).resolves.toBeNull();
  });

  it('reads a deal with no amount and no close date as nulls', async () => {
    const deal = hubspot.addDeal({ dealname: 'Bare', pipeline: 'default', dealstage: 'closedwon', amount: '' });
    await expect(connector().getDeal(deal.id)).resolves.toMatchObject({ amount: null, closeDate: null, ownerId: null });
  });

  it('reads a company, and its contacts through v4 associations with their labels', async () => {
    const company = hubspot.addCompany({ name: 'Acme', domain: 'acme.test', industry: 'COMPUTER_SOFTWARE' });
    const ada = hubspot.addContact({ firstname: 'Ada', lastname: 'Lovelace', email: 'ada@acme.test', jobtitle: 'CTO' });
    const bob = hubspot.addContact({ firstname: 'Bob', lastname: null, email: 'bob@acme.test' });
    hubspot.associate(
      { type: 'companies', id: company.id },
      { type: 'contacts', id: ada.id },
      { labels: ['Primary contact'] },
    );
    hubspot.associate({ type: 'companies', id: company.id }, { type: 'contacts', id: bob.id });

    await expect(connector().getCompany(company.id)).resolves.toMatchObject({
      id: company.id,
      name: 'Acme',
      domain: 'acme.test',
      industry: 'COMPUTER_SOFTWARE',
    });
    const links = await connector().associations('companies', company.id, 'contacts');
    expect(links).toEqual([
      { toObjectId: ada.id, labels: ['Primary contact'], typeIds: [280, 100] },
      { toObjectId: bob.id, labels: [], typeIds: [280] },
    ]);
    const contacts = await connector().getContacts([bob.id, ada.id]);
    expect(contacts.map((c) => [c.id, c.firstName, c.lastName, c.email, c.jobTitle])).toEqual([
      [bob.id, 'Bob', null, 'bob@acme.test', null],
      [ada.id, 'Ada', 'Lovelace', 'ada@acme.test', 'CTO'],
    ]);
  });

  it('leaves out contacts HubSpot no longer has', async () => {
    const kept = hubspot.addContact({ firstname: 'Kept', email: 'kept@acme.test' });
    const gone = hubspot.addContact({ firstname: 'Gone', email: 'gone@acme.test' });
    hubspot.deleteContact(gone.id);
    const contacts = await connector().getContacts([kept.id, gone.id]);
    expect(contacts.map((c) => c.id)).toEqual([kept.id]);
  });

  it('reads a deal owner by id, and null for an unknown owner', async () => {
    hubspot.addOwner({ id: '501', email: 'ae@vendor.test', firstName: 'Alex', lastName: 'Seller' });
    await expect(connector().getOwner('501')).resolves.toEqual({
      id: '501',
      email: 'ae@vendor.test',
      firstName: 'Alex',
      lastName: 'Seller',
    });
    await expect(connector().getOwner('9999')).resolves.toBeNull();
  });

  it('reads deal pipelines with each stage closed-or-not and its probability', async () => {
    const [pipeline] = await connector().dealPipelines();
    expect(pipeline?.id).toBe('default');
    expect(pipeline?.stages.map((s) => [s.id, s.isClosed, s.probability])).toEqual([
      ['appointmentscheduled', false, 0.2],
      ['qualifiedtobuy', false, 0.4],
      ['contractsent', false, 0.9],
      ['closedwon', true, 1],
      ['closedlost', true, 0],
    ]);
  });

  it('searches deals that are in given stages and changed since a time, across pages', async () => {
    const before = hubspot.addDeal({ dealname: 'Old win', pipeline: 'default', dealstage: 'closedwon' });
    const since = new Date(Date.parse(before.updatedAt) + 1);
    // More than one page of 200, so the connector must follow HubSpot's paging.
    const wins = Array.from({ length: 205 }, (_, i) =>
      hubspot.addDeal({ dealname: `Win ${i}`, pipeline: 'default', dealstage: 'closedwon' }),
    );
    hubspot.addDeal({ dealname: 'Still open', pipeline: 'default', dealstage: 'contractsent' });
    const found = await connector().searchDeals({ stageIds: ['closedwon'], modifiedSince: since });
    expect(found.map((d) => d.name)).toEqual(wins.map((w) => w.properties.dealname));
    expect(hubspot.callsTo(/POST \/crm\/v3\/objects\/deals\/search/).length).toBe(2);
    const search = hubspot.callsTo(/POST \/crm\/v3\/objects\/deals\/search/).at(-1);
    expect(search?.body).toMatchObject({
      filterGroups: [
        {
          filters: [
            { propertyName: 'dealstage', operator: 'IN', values: ['closedwon'] },
            { propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: String(since.getTime()) },
          ],
        },
      ],
    });
  });
});

describe('one client per HubSpot account', () => {
  it('shares the SDK client (and so its rate limiter) between every connector for the same token', () => {
    const a = hubspotClients({ accessToken: hubspot.token, baseUrl: hubspot.url });
    const b = hubspotClients({ accessToken: hubspot.token, baseUrl: hubspot.url });
    const other = hubspotClients({ accessToken: 'pat-na1-another-account', baseUrl: hubspot.url });
    expect(b).toBe(a);
    expect(other).not.toBe(a);
  });
});

describe('when HubSpot fails', () => {
  it('retries a 429 (per-second limit, with Retry-After) and then succeeds', async () => {
    const deal = hubspot.addDeal({ dealname: 'Retried', pipeline: 'default', dealstage: 'closedwon' });
    const before = hubspot.callsTo(/GET \/crm\/v3\/objects\/deals\//).length;
    hubspot.failNext({ status: 429, match: /GET \/crm\/v3\/objects\/deals\// });
    await expect(connector().getDeal(deal.id)).resolves.toMatchObject({ name: 'Retried' });
    expect(hubspot.callsTo(/GET \/crm\/v3\/objects\/deals\//).length - before).toBe(2);
  });

  it('retries a 5xx and then succeeds', async () => {
    const before = hubspot.callsTo(/GET \/crm\/v3\/pipelines\/deals/).length;
    hubspot.failNext({ status: 502, times: 2, match: /GET \/crm\/v3\/pipelines\/deals/ });
    await expect(connector().dealPipelines()).resolves.toHaveLength(1);
    expect(hubspot.callsTo(/GET \/crm\/v3\/pipelines\/deals/).length - before).toBe(3);
  });

  it('gives up on a 5xx that outlasts the retries, in words', async () => {
    hubspot.failNext({ status: 503, times: 10, match: /GET \/crm\/v3\/owners\// });
    const failure = await connector()
      .getOwner('501')
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).message).toBe(
      'HubSpot answered with an error (503) while reading owner 501, even after retrying',
    );
    hubspot.clearFaults();
  });

  it('does not retry the daily limit, and says so', async () => {
    const before = hubspot.callsTo(/GET \/crm\/v3\/objects\/companies\//).length;
    hubspot.failNext({ status: 429, policy: 'DAILY', match: /GET \/crm\/v3\/objects\/companies\// });
    await expect(connector().getCompany('1')).rejects.toThrow(/rate limit was still reached/);
    expect(hubspot.callsTo(/GET \/crm\/v3\/objects\/companies\//).length - before).toBe(1);
  });

  it('says the token was refused, without repeating it', async () => {
    const wrong = factory({ accessToken: 'pat-na1-revoked', baseUrl: hubspot.url });
    const failure = (await wrong.accountInfo().catch((e: unknown) => e)) as AppError;
    expect(failure.code).toBe('connector_failed');
    expect(failure.message).toMatch(/HubSpot refused the access token/);
    expect(failure.message).not.toContain('pat-na1-revoked');
  });

  it('says HubSpot could not be reached when nothing answers', async () => {
    const nowhere = factory({ accessToken: hubspot.token, baseUrl: 'http://127.0.0.1:9' });
    await expect(nowhere.dealPipelines()).rejects.toThrow(
      'HubSpot could not be reached while reading the deal pipelines',
    );
  });
});
