/**
 * Connecting HubSpot through the services: a private app token checked with HubSpot and stored sealed, the single
 * organisation's environment token, the status and the Test, and the admin's rules.
 */
import { connectHubSpot } from '../../../src/services/hubspot/connect-hubspot';
import { getHubSpotStatus } from '../../../src/services/hubspot/get-hubspot-status';
import { setHubSpotRules } from '../../../src/services/hubspot/set-hubspot-rules';
import { testHubSpotConnection } from '../../../src/services/hubspot/test-hubspot-connection';
import { resolveOrganizationForSlack } from '../../../src/services/organizations/resolve-organization-for-slack';
import { addPerson } from '../../../src/services/people/add-person';
import { resolveSlackMember } from '../../../src/services/people/resolve-slack-member';
import { importTemplate } from '../../../src/services/templates/import-template';
import { readTemplateFile } from '../../../src/services/templates/read-template-file';
import { DEMO_TEMPLATE_FILE } from '../../../src/services/seed/seed-demo';
import { startFakeHubSpot, type FakeHubSpot } from '../../support/fake-hubspot';
import { hubspotDeps } from '../../support/hubspot-deps';
import { refusal } from '../../support/refusal';
import { serviceContext } from '../../support/service-context';
import { useTestDatabase } from '../../support/test-database';

const t = useTestDatabase();
let hubspot: FakeHubSpot;
beforeAll(async () => {
  hubspot = await startFakeHubSpot({ portalId: 990_001 });
});
afterAll(() => hubspot.close());

async function workspace(teamId = 'T0ACME') {
  const ctx = serviceContext(t.db, '2026-03-02T10:00:00Z');
  const org = await resolveOrganizationForSlack(ctx, { teamId, workspaceName: `Workspace ${teamId}` });
  const admin = await resolveSlackMember(ctx, { organizationId: org.id, slackUserId: `U0ADMIN${teamId}` });
  return { ctx, organizationId: org.id, admin: { userId: admin.userId } };
}

describe('connecting HubSpot with a private app token', () => {
  it('checks the token with HubSpot, stores it sealed, and never shows or records it again', async () => {
    const { ctx, organizationId, admin } = await workspace();
    const deps = hubspotDeps(hubspot);
    const connected = await connectHubSpot(ctx, deps, {
      organizationId,
      actor: admin,
      accessToken: hubspot.token,
      clientSecret: 'the-client-secret',
    });
    expect(connected).toEqual({ portalId: '990001', webhooks: true });

    const status = await getHubSpotStatus(ctx, deps, { organizationId, actor: admin });
    expect(status).toMatchObject({
      connected: true,
      source: 'settings',
      portalId: '990001',
      webhooks: true,
      lastError: null,
    });

    const row = await t.db.prisma.connection.findFirstOrThrow({ where: { organizationId, kind: 'hubspot' } });
    expect(row.credentials).not.toContain(hubspot.token);
    expect(row.credentials).not.toContain('the-client-secret');
    expect(JSON.stringify(row.config)).not.toContain(hubspot.token);
    const audit = await t.db.prisma.auditEvent.findMany({ where: { organizationId, entityType: 'connection' } });
    expect(audit.map((a) => a.toState)).toEqual(['hubspot 990001']);
    expect(JSON.stringify(audit)).not.toContain(hubspot.token);
  });

  it('refuses a token HubSpot refuses, under the token field, and stores nothing', async () => {
    const { ctx, organizationId, admin } = await workspace();
    const deps = hubspotDeps(hubspot);
    const error = await refusal(
      connectHubSpot(ctx, deps, { organizationId, actor: admin, accessToken: 'pat-na1-revoked' }),
    );
    expect(error.fields).toEqual([
      { field: 'accessToken', message: expect.stringMatching(/HubSpot refused the access token/) as string },
    ]);
    expect(await t.db.prisma.connection.count({ where: { organizationId } })).toBe(0);
    expect((await getHubSpotStatus(ctx, deps, { organizationId, actor: admin })).connected).toBe(false);
  });

  it('lets only admins connect HubSpot or see its status', async () => {
    const { ctx, organizationId, admin } = await workspace();
    const deps = hubspotDeps(hubspot);
    const csm = await addPerson(ctx, { organizationId, actor: admin, slackUserId: 'U0CSM', role: 'csm' });
    const actor = { userId: csm.userId };
    const connect = await refusal(connectHubSpot(ctx, deps, { organizationId, actor, accessToken: hubspot.token }));
    expect(connect.message).toBe('only admins can connect HubSpot, and your role is CSM.');
    expect((await refusal(getHubSpotStatus(ctx, deps, { organizationId, actor }))).code).toBe('forbidden');
    expect((await refusal(testHubSpotConnection(ctx, deps, { organizationId, actor }))).code).toBe('forbidden');
  });

  it('refuses a HubSpot account another organisation already connected (its webhooks could not be told apart)', async () => {
    const first = await workspace('T0FIRST');
    const second = await workspace('T0SECOND');
    const deps = hubspotDeps(hubspot);
    await connectHubSpot(first.ctx, deps, { ...first, actor: first.admin, accessToken: hubspot.token });
    const error = await refusal(
      connectHubSpot(second.ctx, deps, { ...second, actor: second.admin, accessToken: hubspot.token }),
    );
    expect(error.message).toMatch(/^HubSpot account 990001 is already connected to Workspace T0FIRST in Thread/);
  });
});

describe('HubSpot from the environment', () => {
  it('serves the only organisation, and the Test says which HubSpot account and which stages start onboarding', async () => {
    const { ctx, organizationId, admin } = await workspace();
    const deps = hubspotDeps(hubspot, { environment: { accessToken: hubspot.token } });
    expect(await getHubSpotStatus(ctx, deps, { organizationId, actor: admin })).toMatchObject({
      connected: true,
      source: 'environment',
      portalId: null,
      webhooks: false,
    });
    const tested = await testHubSpotConnection(ctx, deps, { organizationId, actor: admin });
    expect(tested).toEqual({
      ok: true,
      portalId: '990001',
      message:
        'Connected to HubSpot account 990001 (Europe/London): 1 deal pipeline. Onboarding starts at Sales Pipeline: Closed Won.',
    });
    expect((await getHubSpotStatus(ctx, deps, { organizationId, actor: admin })).portalId).toBe('990001');
  });

  it('is not used once Thread serves several organisations, and the status says why', async () => {
    const { ctx, organizationId, admin } = await workspace('T0ONE');
    await workspace('T0TWO');
    const deps = hubspotDeps(hubspot, { environment: { accessToken: hubspot.token } });
    const status = await getHubSpotStatus(ctx, deps, { organizationId, actor: admin });
    expect(status.connected).toBe(false);
    expect(status.notConnected).toMatch(/^HUBSPOT_ACCESS_TOKEN is set, but Thread serves several organisations/);
  });

  it('records a failed Test as the last error, in words, and a later good Test clears it', async () => {
    const { ctx, organizationId, admin } = await workspace();
    const deps = hubspotDeps(hubspot, { environment: { accessToken: 'pat-na1-wrong' } });
    const failed = await testHubSpotConnection(ctx, deps, { organizationId, actor: admin });
    expect(failed.ok).toBe(false);
    const status = await getHubSpotStatus(ctx, deps, { organizationId, actor: admin });
    expect(status.lastError).toMatchObject({
      during: 'test',
      message: expect.stringMatching(/refused the access token/) as string,
    });

    const fixed = hubspotDeps(hubspot, { environment: { accessToken: hubspot.token } });
    expect((await testHubSpotConnection(ctx, fixed, { organizationId, actor: admin })).ok).toBe(true);
    expect((await getHubSpotStatus(ctx, fixed, { organizationId, actor: admin })).lastError).toBeNull();
  });
});

describe('the HubSpot rules', () => {
  it('are saved when every person is a CSM and every template exists, and read back in words', async () => {
    const { ctx, organizationId, admin } = await workspace();
    const deps = hubspotDeps(hubspot);
    await importTemplate(ctx, {
      organizationId,
      spec: await readTemplateFile(DEMO_TEMPLATE_FILE),
      actor: admin.userId,
    });
    const csm = await addPerson(ctx, {
      organizationId,
      actor: admin,
      slackUserId: 'U0CSM',
      role: 'csm',
      name: 'Casey',
    });
    const saved = await setHubSpotRules(ctx, deps, {
      organizationId,
      actor: admin,
      rules: {
        triggerStages: { default: ['contractsent'] },
        csm: { kind: 'fixed', userId: csm.userId },
        template: { defaultTemplate: 'B2B SaaS onboarding' },
        arrProperty: 'annual_value',
      },
    });
    expect(saved.described).toEqual([
      'Starts onboarding: pipeline default at contractsent; other pipelines at their closed-won stages.',
      'CSM: always Casey.',
      'Template: otherwise "B2B SaaS onboarding".',
      'ARR: from the deal property annual_value.',
    ]);
    // An empty list of stages puts the pipeline back on the default.
    const back = await setHubSpotRules(ctx, deps, {
      organizationId,
      actor: admin,
      rules: { triggerStages: { default: [] } },
    });
    expect(back.rules.triggerStages).toEqual({});
    expect(back.rules.csm).toEqual({ kind: 'fixed', userId: csm.userId });
  });

  it('refuses an AE as the CSM, a template that does not exist and a property name that is not one, each under its field', async () => {
    const { ctx, organizationId, admin } = await workspace();
    const deps = hubspotDeps(hubspot);
    const ae = await addPerson(ctx, { organizationId, actor: admin, slackUserId: 'U0AE', role: 'ae', name: 'Alex' });
    const error = await refusal(
      setHubSpotRules(ctx, deps, {
        organizationId,
        actor: admin,
        rules: {
          csm: { kind: 'fixed', userId: ae.userId },
          template: { defaultTemplate: 'No such plan' },
          arrProperty: 'annual value!',
        },
      }),
    );
    expect(error.fields.map((f) => f.field)).toEqual(['csm.userId', 'template', 'arrProperty']);
    expect(error.fields[0]?.message).toBe('Alex is not a CSM or an admin, so cannot run accounts.');
    const status = await getHubSpotStatus(ctx, deps, { organizationId, actor: admin });
    expect(status.rules[1]).toBe('CSM: the CSMs in turn (round robin).');
  });
});
