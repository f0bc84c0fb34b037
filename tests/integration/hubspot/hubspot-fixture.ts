/**
 * What the HubSpot import tests share: a test database with an organisation (its admin, a CSM, the demo template),
 * HubSpot connected through connectHubSpot (token and client secret), the fake HubSpot and the fake Slack (for
 * users.lookupByEmail), the real webhook route in the real Express app with its own work queue, and the handoff hook
 * recording what it was told.
 */
import { WebClient } from '@slack/web-api';
import type { Express } from 'express';
import request from 'supertest';
import { createHttpApp } from '../../../src/http/app';
import { createHubSpotWebhookRouter } from '../../../src/http/webhooks/hubspot-webhook-router';
import { silentLogger } from '../../../src/lib/logger';
import { createWorkQueue, type WorkQueue } from '../../../src/lib/work-queue';
import { connectHubSpot } from '../../../src/services/hubspot/connect-hubspot';
import type { HubSpotDeps } from '../../../src/services/hubspot/hubspot-deps';
import { resolveOrganizationForSlack } from '../../../src/services/organizations/resolve-organization-for-slack';
import { addPerson } from '../../../src/services/people/add-person';
import { resolveSlackMember } from '../../../src/services/people/resolve-slack-member';
import { DEMO_TEMPLATE_FILE } from '../../../src/services/seed/seed-demo';
import { importTemplate } from '../../../src/services/templates/import-template';
import { readTemplateFile } from '../../../src/services/templates/read-template-file';
import { slackUserLookup } from '../../../src/slack/lookup-slack-user';
import { startFakeHubSpot, type FakeHubSpot, type FakeObject } from '../../support/fake-hubspot';
import { FakeSlackApi } from '../../support/fake-slack-api';
import { hubspotDeps } from '../../support/hubspot-deps';
import { signedDelivery } from '../../support/hubspot-webhook';
import { serviceContext, type TestServiceContext } from '../../support/service-context';
import { useTestDatabase } from '../../support/test-database';

export const PORTAL_ID = 7_700_001;
export const CLIENT_SECRET = 'webhook-client-secret';
export const PUBLIC_URL = 'https://thread.example.test';
export const WEBHOOK_URI = `${PUBLIC_URL}/webhooks/hubspot`;
export const AE = { id: 'UAE00001', name: 'Alex Seller', email: 'alex.seller@vendor.test' };
export const CSM = { id: 'UCSM0001', name: 'Casey Morgan', email: 'casey.morgan@vendor.test' };

export function useHubSpotFixture(o: { queueCapacity?: number } = {}) {
  const t = useTestDatabase();
  const slack = new FakeSlackApi();
  const state: {
    hubspot?: FakeHubSpot;
    ctx?: TestServiceContext;
    deps?: HubSpotDeps;
    organizationId?: string;
    adminId?: string;
    csmUserId?: string;
    queue?: WorkQueue;
    app?: Express;
  } = {};
  const handoffs: { organizationId: string; accountId: string }[] = [];

  beforeAll(async () => {
    await slack.start();
    state.hubspot = await startFakeHubSpot({ portalId: PORTAL_ID });
  });
  afterAll(async () => {
    await slack.stop();
    await state.hubspot?.close();
  });

  beforeEach(async () => {
    const hubspot = state.hubspot!;
    hubspot.reset();
    slack.reset();
    slack.addUser({ id: AE.id, name: AE.name, email: AE.email });
    slack.addUser({ id: CSM.id, name: CSM.name, email: CSM.email });
    handoffs.length = 0;
    const ctx = serviceContext(t.db, hubspot.clockNow());
    const org = await resolveOrganizationForSlack(ctx, { teamId: 'T0VENDOR', workspaceName: 'Vendor Inc' });
    const admin = await resolveSlackMember(ctx, { organizationId: org.id, slackUserId: 'U0ADMIN1' });
    await importTemplate(ctx, {
      organizationId: org.id,
      spec: await readTemplateFile(DEMO_TEMPLATE_FILE),
      actor: admin.userId,
    });
    const csm = await addPerson(ctx, {
      organizationId: org.id,
      actor: admin,
      slackUserId: CSM.id,
      role: 'csm',
      name: CSM.name,
    });
    const deps = hubspotDeps(hubspot, {
      lookupSlackUserByEmail: slackUserLookup(new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl })),
      onAccountPendingHandoff: async (opened) => void handoffs.push(opened),
    });
    await connectHubSpot(ctx, deps, {
      organizationId: org.id,
      actor: admin,
      accessToken: hubspot.token,
      clientSecret: CLIENT_SECRET,
    });
    const queue = createWorkQueue({
      concurrency: 2,
      capacity: o.queueCapacity ?? 100,
      onError: (error) => {
        throw error;
      },
    });
    Object.assign(state, {
      ctx,
      deps,
      organizationId: org.id,
      adminId: admin.userId,
      csmUserId: csm.userId,
      queue,
      app: createHttpApp({
        logger: silentLogger,
        readiness: { checkDatabase: async () => {} },
        routers: [
          {
            path: '/',
            router: createHubSpotWebhookRouter({
              ctx,
              hubspot: deps,
              publicUrl: PUBLIC_URL,
              queue,
              logger: silentLogger,
            }),
          },
        ],
      }),
    });
  });

  return {
    t,
    slack,
    handoffs,
    get hubspot() {
      return state.hubspot!;
    },
    get ctx() {
      return state.ctx!;
    },
    get deps() {
      return state.deps!;
    },
    get organizationId() {
      return state.organizationId!;
    },
    get adminId() {
      return state.adminId!;
    },
    get csmUserId() {
      return state.csmUserId!;
    },
    get queue() {
      return state.queue!;
    },
    get app() {
      return state.app!;
    },

    /** A deal in HubSpot as a sales team leaves it: a company, two contacts (one labelled primary), an owner. */
    closedDeal(over: { stage?: string; company?: string | null; amount?: string | null; name?: string } = {}) {
      const hubspot = state.hubspot!;
      hubspot.addOwner({ id: '501', email: AE.email, firstName: 'Alex', lastName: 'Seller' });
      const company =
        over.company === null
          ? null
          : hubspot.addCompany({
              name: over.company ?? 'Acme Robotics',
              domain: 'https://www.acme-robotics.test/',
              industry: 'COMPUTER_SOFTWARE',
            });
      const deal = hubspot.addDeal({
        dealname: over.name ?? 'Acme Robotics – platform',
        amount: over.amount === undefined ? '48000' : over.amount,
        deal_currency_code: 'EUR',
        closedate: '2026-01-04T00:00:00.000Z',
        pipeline: 'default',
        dealstage: over.stage ?? 'closedwon',
        hubspot_owner_id: '501',
        seats: '40',
      });
      const bob = hubspot.addContact({
        firstname: 'Bob',
        lastname: 'Builder',
        email: 'bob@acme-robotics.test',
        jobtitle: 'Ops',
      });
      const ada = hubspot.addContact({
        firstname: 'Ada',
        lastname: 'Lovelace',
        email: 'Ada@Acme-Robotics.test',
        jobtitle: 'CTO',
      });
      if (company)
        hubspot.associate({ type: 'deals', id: deal.id }, { type: 'companies', id: company.id }, { primary: true });
      hubspot.associate({ type: 'deals', id: deal.id }, { type: 'contacts', id: bob.id });
      hubspot.associate(
        { type: 'deals', id: deal.id },
        { type: 'contacts', id: ada.id },
        { labels: ['Primary contact'] },
      );
      return { deal, company, contacts: { bob, ada } as Record<'bob' | 'ada', FakeObject> };
    },

    /** Sends a signed delivery (or one signed with `over`) to POST /webhooks/hubspot, as HubSpot does. */
    deliver(events: object[], over: { clientSecret?: string; timestamp?: number; uri?: string } = {}) {
      const { body, headers } = signedDelivery(events, {
        clientSecret: over.clientSecret ?? CLIENT_SECRET,
        uri: over.uri ?? WEBHOOK_URI,
        timestamp: over.timestamp,
      });
      return request(state.app!).post('/webhooks/hubspot').set(headers).send(body);
    },

    accounts() {
      return t.db.prisma.account.findMany({
        where: { organizationId: state.organizationId! },
        include: { contacts: { orderBy: [{ isPrimary: 'desc' }, { email: 'asc' }] }, csm: true, ae: true },
        orderBy: { createdAt: 'asc' },
      });
    },
  };
}
