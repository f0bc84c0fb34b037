/**
 * A portal link posted in Slack, or mailed through a company's gateway, is fetched by machines before the customer
 * clicks it. Those fetches must leave the link as it was: no visit counted, no last use stamped, no cookie, nothing
 * against the wrong-link limit, and nothing of the customer's shown to the unfurler.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { updateSettings } from '../../../src/services/organizations/update-settings';
import { createPortalLink } from '../../../src/services/portal/create-portal-link';
import { generatePortalToken } from '../../../src/services/portal/portal-token';
import { revokePortalLink } from '../../../src/services/portal/revoke-portal-link';
import { seedDemo } from '../../../src/services/seed/seed-demo';
import { serviceContext, type TestServiceContext } from '../../support/service-context';
import { useTestDatabase } from '../../support/test-database';
import { CHROME, PREVIEW_FETCHERS as FETCHERS, SLACK_UNFURL } from '../../support/link-fetchers';
import { buildPortalApp } from './portal-fixture';

const t = useTestDatabase();
const uploadDir = mkdtempSync(path.join(os.tmpdir(), 'thread-portal-previews-'));
let ctx: TestServiceContext;

beforeEach(() => {
  ctx = serviceContext(t.db, '2026-11-24T10:00:00Z');
});

async function northwindLink() {
  const { organizationId } = await seedDemo(ctx);
  await updateSettings(ctx, { organizationId, actor: 'cli', settings: { name: 'Acme Cloud', brandColor: '#0e7c66' } });
  const account = await t.db.prisma.account.findFirstOrThrow({
    where: { organizationId, name: 'Northwind Logistics' },
  });
  const link = await createPortalLink(ctx, {
    organizationId,
    accountId: account.id,
    actor: 'cli',
    publicUrl: 'http://portal.test',
  });
  return {
    organizationId,
    accountId: account.id,
    portalAccessId: link.portalAccessId,
    token: link.url.split('/').pop()!,
  };
}

/** What the link has left behind: visits counted and its last use. */
async function traces(link: { accountId: string; portalAccessId: string }) {
  const visits = await t.db.prisma.engagementEvent.count({
    where: { accountId: link.accountId, kind: 'portal_visit' },
  });
  const { lastUsedAt } = await t.db.prisma.portalAccess.findUniqueOrThrow({ where: { id: link.portalAccessId } });
  return { visits, lastUsedAt };
}

describe('a portal link fetched by a link preview', () => {
  it('is never opened, counted or stamped, sets no cookie and shows nothing of the customer, whoever fetches it', async () => {
    const link = await northwindLink();
    const { app } = buildPortalApp({ ctx, uploadDir });
    const seen: Record<string, unknown> = {};
    const expected: Record<string, unknown> = {};
    for (const f of FETCHERS) {
      for (const target of [`/portal/${link.token}`, `/portal/${link.token}/requests/someaction`]) {
        const res = await request(app)[f.method](target).set(f.headers);
        const key = `${f.who} ${target.includes('/requests/') ? 'request page' : 'home'}`;
        seen[key] = {
          status: res.status,
          cookie: res.headers['set-cookie'] ?? null,
          cache: res.headers['cache-control'],
          customerShown: /Northwind|Maria|Anders/.test(res.text ?? ''),
        };
        expected[key] = { status: f.status, cookie: null, cache: 'no-store', customerShown: false };
      }
    }
    expect(seen).toEqual(expected);
    expect(await traces(link)).toEqual({ visits: 0, lastUsedAt: null });
  });

  it("unfurls as the organisation's onboarding portal, and nothing more", async () => {
    const link = await northwindLink();
    const { app } = buildPortalApp({ ctx, uploadDir });
    const res = await request(app).get(`/portal/${link.token}`).set('User-Agent', SLACK_UNFURL).expect(200);
    expect(res.text).toContain('<meta property="og:title" content="Your onboarding portal">');
    expect(res.text).toContain('<meta property="og:site_name" content="Acme Cloud">');
    expect(res.text).toContain(
      '<meta property="og:description" content="A private link to your onboarding plan with Acme Cloud.">',
    );
    expect(res.text).toContain('<title>Your onboarding portal · Acme Cloud</title>');
    expect(res.text).toContain('Open the link in your web browser');
    expect(res.text).not.toContain('Northwind');
  });

  it('answers a HEAD with the headers only, and leaves no trace', async () => {
    const link = await northwindLink();
    const { app } = buildPortalApp({ ctx, uploadDir });
    const res = await request(app).head(`/portal/${link.token}`).set('User-Agent', CHROME).expect(200);
    expect(res.text ?? '').toBe('');
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(await traces(link)).toEqual({ visits: 0, lastUsedAt: null });
  });

  it('lets the customer in on their first click after the unfurl, and counts that visit once', async () => {
    const link = await northwindLink();
    const { app } = buildPortalApp({ ctx, uploadDir });
    await request(app).get(`/portal/${link.token}`).set('User-Agent', SLACK_UNFURL).expect(200);
    await request(app).head(`/portal/${link.token}`).set('User-Agent', SLACK_UNFURL).expect(200);
    await request(app).get(`/portal/${link.token}`).set({ 'User-Agent': CHROME, Purpose: 'prefetch' }).expect(503);
    expect(await traces(link)).toEqual({ visits: 0, lastUsedAt: null });

    const res = await request(app).get(`/portal/${link.token}`).set('User-Agent', CHROME).expect(200);
    expect(res.text).toContain('Northwind Logistics');
    expect(res.text).toContain('Hello Maria');
    expect(res.text).not.toContain('og:title');
    expect(await traces(link)).toEqual({ visits: 1, lastUsedAt: ctx.now() });

    // The unfurler coming back later still leaves nothing.
    ctx.setNow('2026-11-24T12:00:00Z');
    await request(app).get(`/portal/${link.token}`).set('User-Agent', SLACK_UNFURL).expect(200);
    expect((await traces(link)).visits).toBe(1);
  });

  it('gives a dead link a 404 without a name, and never counts it against the address', async () => {
    const link = await northwindLink();
    const { app } = buildPortalApp({ ctx, uploadDir, maxFailures: 2 });
    await revokePortalLink(ctx, {
      organizationId: link.organizationId,
      portalAccessId: link.portalAccessId,
      actor: 'cli',
    });
    const dead = [link.token, generatePortalToken(), generatePortalToken(), 'not-a-token'];
    for (const token of dead) {
      const res = await request(app).get(`/portal/${token}`).set('User-Agent', SLACK_UNFURL).expect(404);
      expect(res.text).not.toContain('Acme Cloud');
      expect(res.text).toContain('<meta property="og:title" content="Your onboarding portal">');
    }
    await request(app).get('/portal/files/sub123?expires=1&sig=x').set('User-Agent', SLACK_UNFURL).expect(200);
    await request(app).get('/portal/preview/nothing').set('User-Agent', SLACK_UNFURL).expect(200);

    // A person on the same address still has all their tries: two wrong links, then the limit.
    await request(app).get(`/portal/${generatePortalToken()}`).set('User-Agent', CHROME).expect(404);
    await request(app).get(`/portal/${generatePortalToken()}`).set('User-Agent', CHROME).expect(404);
    await request(app).get(`/portal/${generatePortalToken()}`).set('User-Agent', CHROME).expect(429);
  });

  it("stops looking links up for a preview past the previews' own budget, and then names nobody", async () => {
    const link = await northwindLink();
    const { app } = buildPortalApp({ ctx, uploadDir, previewMaxFailures: 2 });
    for (let i = 0; i < 2; i++)
      await request(app).get(`/portal/${generatePortalToken()}`).set('User-Agent', SLACK_UNFURL).expect(404);
    const res = await request(app).get(`/portal/${link.token}`).set('User-Agent', SLACK_UNFURL).expect(200);
    expect(res.text).not.toContain('Acme Cloud');
    expect(res.text).toContain('A private link to an onboarding plan.');
    // A person is not held up by the previews' budget.
    await request(app).get(`/portal/${link.token}`).set('User-Agent', CHROME).expect(200);
  });

  it('never hands a download to a preview', async () => {
    const { app } = buildPortalApp({ ctx, uploadDir, maxFailures: 1 });
    const res = await request(app)
      .get('/portal/files/anything?expires=9999999999&sig=abc')
      .set('User-Agent', SLACK_UNFURL)
      .expect(200);
    expect(res.headers['content-disposition']).toBeUndefined();
    expect(res.text).toContain('A private link');
    // The bad signature was not counted: the person's one allowed failure is still there.
    await request(app).get('/portal/files/anything?expires=1&sig=abc').set('User-Agent', CHROME).expect(404);
    await request(app).get('/portal/files/anything?expires=1&sig=abc').set('User-Agent', CHROME).expect(429);
  });
});
