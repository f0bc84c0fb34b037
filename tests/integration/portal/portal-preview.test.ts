/**
 * The team's read-only portal preview (GET /portal/preview/:signed), the link the HubSpot write-back puts on the
 * customer's company instead of a magic link: the customer's page as they see it, with a preview banner, no way
 * to answer anything, no visit counted; forged, tampered and expired links get one page that names nobody.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { portalPreviewUrl, signPreviewToken } from '../../../src/services/portal/preview-link';
import { serviceContext, type TestServiceContext } from '../../support/service-context';
import { useTestDatabase } from '../../support/test-database';
import { buildPortalApp, buildPortalFixture, PUBLIC_URL } from './portal-fixture';

const t = useTestDatabase();
const uploadDir = mkdtempSync(path.join(os.tmpdir(), 'thread-portal-preview-'));
let ctx: TestServiceContext;

beforeEach(() => {
  ctx = serviceContext(t.db, '2026-11-24T10:00:00Z');
});

const DAY_MS = 86_400_000;
const pathOf = (url: string) => new URL(url).pathname;
const stable = (body: string) => body.replace(/nonce="[^"]+"/g, 'nonce=""');

describe('GET /portal/preview/:signed', () => {
  it('shows the primary contact’s page read-only, with a preview banner, and counts no visit', async () => {
    const f = await buildPortalFixture(ctx);
    const { app, secret } = buildPortalApp({ ctx, uploadDir });
    const visits = () => t.db.prisma.engagementEvent.count({ where: { kind: 'portal_visit' } });
    const before = await visits();
    const url = portalPreviewUrl({ publicUrl: PUBLIC_URL, secret, accountId: f.accountId, now: ctx.now() });

    const res = await request(app)
      .get(pathOf(url))
      .expect(200)
      .expect('Content-Type', /text\/html/);
    expect(res.text).toContain(
      '<strong>Preview.</strong> This is what Maria Anders sees in Acme Cloud’s onboarding portal.',
    );
    expect(res.text).toContain('<title>Preview: Your onboarding · Acme Cloud</title>');
    expect(res.text).toContain('Hello Maria');
    expect(res.text).toContain('Technical Setup is on hold');
    expect(res.text).toContain('Technical details form');
    // The requests are listed, but nothing can be opened, answered or uploaded.
    expect(res.text).toContain('<span class="button button--disabled" aria-disabled="true">Fill in the form</span>');
    expect(res.text).not.toContain('/requests/');
    expect(res.text).not.toContain('<form');
    expect(res.text).not.toContain(f.token);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(await visits()).toBe(before);
  });

  it('refuses forged, tampered and expired links with the same page, which names nobody', async () => {
    const f = await buildPortalFixture(ctx);
    const { app, secret } = buildPortalApp({ ctx, uploadDir });
    const good = signPreviewToken({ secret, accountId: f.accountId, now: ctx.now() });
    const [accountId, expires, sig] = good.split('.') as [string, string, string];

    const forged = await request(app)
      .get(`/portal/preview/${signPreviewToken({ secret: Buffer.alloc(32, 7), accountId, now: ctx.now() })}`)
      .expect(404);
    expect(forged.text).toContain('This preview link is not working');
    for (const name of ['Northwind', 'Acme Cloud', 'Maria', 'Priya']) expect(forged.text).not.toContain(name);
    const otherAccount = await request(app)
      .get(`/portal/preview/x${accountId.slice(1)}.${expires}.${sig}`)
      .expect(404);
    const longerLife = await request(app)
      .get(`/portal/preview/${accountId}.${Number(expires) + 1}.${sig}`)
      .expect(404);
    const junk = await request(app).get('/portal/preview/%3Cscript%3E').expect(404);
    for (const page of [otherAccount, longerLife, junk]) expect(stable(page.text)).toBe(stable(forged.text));

    await request(app).get(`/portal/preview/${good}`).expect(200);
    ctx.setNow(new Date(Number(expires) * 1000));
    const expired = await request(app).get(`/portal/preview/${good}`).expect(404);
    expect(stable(expired.text)).toBe(stable(forged.text));
  });

  it('lives 60 to 90 days and is the same link within a 30-day window', async () => {
    const f = await buildPortalFixture(ctx);
    const { secret } = buildPortalApp({ ctx, uploadDir });
    const at = (d: Date) => signPreviewToken({ secret, accountId: f.accountId, now: d });
    const now = ctx.now();
    const expiresOf = (token: string) => Number(token.split('.')[1]) * 1000;
    const life = expiresOf(at(now)) - now.getTime();
    expect(life).toBeGreaterThan(60 * DAY_MS);
    expect(life).toBeLessThanOrEqual(90 * DAY_MS);
    const windowStart = new Date(Math.floor(now.getTime() / (30 * DAY_MS)) * 30 * DAY_MS);
    expect(at(windowStart)).toBe(at(new Date(windowStart.getTime() + 30 * DAY_MS - 1)));
    expect(at(new Date(windowStart.getTime() + 30 * DAY_MS))).not.toBe(at(windowStart));
  });

  it('counts failed links against the address, like magic links', async () => {
    const f = await buildPortalFixture(ctx);
    const { app, secret } = buildPortalApp({ ctx, uploadDir, maxFailures: 2 });
    for (let i = 0; i < 2; i++) await request(app).get(`/portal/preview/nope${i}`).expect(404);
    const good = signPreviewToken({ secret, accountId: f.accountId, now: ctx.now() });
    await request(app).get(`/portal/preview/${good}`).expect(429);
  });
});
