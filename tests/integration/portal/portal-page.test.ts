import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { revokePortalLink } from '../../../src/services/portal/revoke-portal-link';
import { serviceContext, type TestServiceContext } from '../../support/service-context';
import { useTestDatabase } from '../../support/test-database';
import { BLOCKER_NOTE, buildPortalApp, buildPortalFixture } from './portal-fixture';

const t = useTestDatabase();
const uploadDir = mkdtempSync(path.join(os.tmpdir(), 'thread-portal-page-'));
let ctx: TestServiceContext;

beforeEach(() => {
  ctx = serviceContext(t.db, '2026-11-24T10:00:00Z');
});

/** The page without its per-response nonce, so two answers can be compared. */
const stable = (body: string) => body.replace(/nonce="[^"]+"/g, 'nonce=""');

describe('GET /portal/:token', () => {
  it('shows the branded timeline, the blocked milestone with its note, the published requests and the CSM', async () => {
    const f = await buildPortalFixture(ctx);
    const { app } = buildPortalApp({ ctx, uploadDir });
    const res = await request(app)
      .get(`/portal/${f.token}`)
      .expect(200)
      .expect('Content-Type', /text\/html/);
    const body = res.text;
    expect(body).toContain('Acme Cloud');
    expect(body).toContain('Northwind Logistics');
    expect(body).toContain('Hello Maria');
    expect(body).toContain('--brand:#0e7c66');
    expect(body).toContain('Technical Setup is on hold');
    // The CSM's note is shown, as text: their markup is escaped like any other text.
    expect(body).toContain('Waiting for your IT team to add our SAML app in Okta. &lt;b&gt;Ticket&lt;/b&gt; IT-4821.');
    expect(body).not.toContain(BLOCKER_NOTE);
    expect(body).toContain('Technical details form');
    expect(body).toContain('Signed data processing agreement');
    expect(body).toContain('To configure single sign-on and user provisioning'); // why it is needed
    expect(body).toMatch(/Needed by <time datetime="\d{4}-\d{2}-\d{2}">/);
    expect(body).toContain(`/portal/${f.token}/requests/${f.formActionId}`);
    // Ready (unpublished) requests stay with the CSM.
    expect(body).not.toContain(f.readyActionId);
    expect(body).not.toContain('Data export');
    // Recently completed and the contact card.
    expect(body).toContain('Kickoff questionnaire');
    expect(body).toContain('Priya Shah');
    expect(body).toContain('mailto:priya.shah@demo.example');
    expect(body).toMatch(/<progress aria-labelledby="progress-label" max="100" value="20">/);
  });

  it('sends a strict Content-Security-Policy, no Referer, and nothing a shared cache may keep or a browser reuse unchecked', async () => {
    const f = await buildPortalFixture(ctx);
    const { app } = buildPortalApp({ ctx, uploadDir });
    const res = await request(app).get(`/portal/${f.token}`).expect(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    const nonce = /nonce="([^"]+)"/.exec(res.text)![1];
    expect(csp).toContain(`style-src 'self' 'nonce-${nonce}'`);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    // The home page may be kept by the browser alone, which must check it with Thread on every view (a revoked link
    // is refused then); every other page is not kept at all.
    expect(res.headers['cache-control']).toBe('private, no-cache');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-robots-tag']).toContain('noindex');
    const requestPage = await request(app).get(`/portal/${f.token}/requests/${f.formActionId}`).expect(200);
    expect(requestPage.headers['cache-control']).toBe('no-store');
    const thanks = await request(app).get(`/portal/${f.token}?answered=${f.answeredActionId}`).expect(200);
    expect(thanks.headers['cache-control']).toBe('no-store');
  });

  it('answers unknown, malformed, expired and revoked links with the same page, which names nobody', async () => {
    const f = await buildPortalFixture(ctx);
    const { app } = buildPortalApp({ ctx, uploadDir });
    const unknown = await request(app)
      .get(`/portal/${'A'.repeat(43)}`)
      .expect(404);
    const malformed = await request(app).get('/portal/%3Cscript%3E').expect(404);
    expect(stable(malformed.text)).toBe(stable(unknown.text));
    expect(unknown.text).toContain('ask your customer success manager for a new link');
    for (const secret of ['Northwind', 'Acme Cloud', 'Maria', 'Priya']) expect(unknown.text).not.toContain(secret);

    ctx.setNow('2026-12-24T10:00:01Z');
    const expired = await request(app).get(`/portal/${f.token}`).expect(404);
    expect(stable(expired.text)).toBe(stable(unknown.text));

    ctx.setNow('2026-11-24T10:00:00Z');
    await request(app).get(`/portal/${f.token}`).expect(200);
    await revokePortalLink(ctx, { organizationId: f.organizationId, accountId: f.accountId, actor: 'cli' });
    const revoked = await request(app).get(`/portal/${f.token}`).expect(404);
    expect(stable(revoked.text)).toBe(stable(unknown.text));
  });

  it('refuses an address that keeps guessing, even with a real link, until the window passes', async () => {
    const f = await buildPortalFixture(ctx);
    const { app } = buildPortalApp({ ctx, uploadDir, maxFailures: 3 });
    for (let i = 0; i < 3; i++)
      await request(app)
        .get(`/portal/${'B'.repeat(42)}${i}`)
        .expect(404);
    const limited = await request(app).get(`/portal/${f.token}`).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.text).toContain('Too many attempts');
    await request(app)
      .post(`/portal/${f.token}/requests/${f.formActionId}`)
      .type('form')
      .send({ sso_provider: 'Okta' })
      .expect(429);
    ctx.advance(15 * 60 * 1000 + 1000);
    await request(app).get(`/portal/${f.token}`).expect(200);
  });

  it('counts a visit once per contact per 30 minutes', async () => {
    const f = await buildPortalFixture(ctx);
    const { app } = buildPortalApp({ ctx, uploadDir });
    const visits = () => t.db.prisma.engagementEvent.count({ where: { kind: 'portal_visit', contactId: f.contactId } });
    await request(app).get(`/portal/${f.token}`).expect(200);
    await request(app).get(`/portal/${f.token}/requests/${f.formActionId}`).expect(200);
    ctx.advance(29 * 60 * 1000);
    await request(app).get(`/portal/${f.token}`).expect(200);
    expect(await visits()).toBe(1);
    ctx.advance(2 * 60 * 1000);
    await request(app).get(`/portal/${f.token}`).expect(200);
    expect(await visits()).toBe(2);
    const access = await t.db.prisma.portalAccess.findUniqueOrThrow({ where: { id: f.portalAccessId } });
    expect(access.lastUsedAt?.toISOString()).toBe(ctx.now().toISOString());
  });

  it('serves the stylesheet and a friendly page for unknown portal paths', async () => {
    const { app } = buildPortalApp({ ctx, uploadDir });
    const css = await request(app)
      .get('/portal/assets/portal.css')
      .expect(200)
      .expect('Content-Type', /text\/css/);
    expect(css.text).toContain('--brand');
    const res = await request(app).get('/portal/some/where/else').expect(404).expect('Content-Type', /html/);
    expect(res.text).toContain('This link is not working');
  });
});

describe('GET /portal/:token/requests/:actionId', () => {
  it('shows a published form with labelled fields, why it is asked and a CSRF field', async () => {
    const f = await buildPortalFixture(ctx);
    const { app } = buildPortalApp({ ctx, uploadDir });
    const res = await request(app).get(`/portal/${f.token}/requests/${f.formActionId}`).expect(200);
    expect(res.text).toContain('<h1 id="page-title">Technical details form</h1>');
    expect(res.text).toContain('Why we ask');
    expect(res.text).toContain('<label class="field__label" for="field-sso_provider">Identity provider</label>');
    expect(res.text).toContain('<option value="Okta">Okta</option>');
    expect(res.text).toMatch(/name="_csrf" value="[A-Za-z0-9_-]{43}"/);
    expect(res.headers['set-cookie']?.[0]).toMatch(
      /^thread_portal_csrf=[A-Za-z0-9_-]{22}; Path=\/portal; HttpOnly; SameSite=Strict/,
    );
    // The template's intro, with the company filled in.
    expect(res.text).toContain('What we need from Northwind Logistics&#39;s IT team');
  });

  it("treats unpublished requests and other accounts' requests as not found", async () => {
    const f = await buildPortalFixture(ctx);
    const { app } = buildPortalApp({ ctx, uploadDir });
    for (const id of [f.readyActionId, f.otherAccountActionId, 'nope']) {
      const res = await request(app).get(`/portal/${f.token}/requests/${id}`).expect(404);
      expect(res.text).toContain('We could not find that');
      expect(res.text).toContain(`href="/portal/${f.token}"`);
      expect(res.text).not.toContain('Helios');
    }
  });

  it('shows an answered request as done instead of a form', async () => {
    const f = await buildPortalFixture(ctx);
    const { app } = buildPortalApp({ ctx, uploadDir });
    const res = await request(app).get(`/portal/${f.token}/requests/${f.answeredActionId}`).expect(200);
    expect(res.text).toContain('Done, thank you.');
    expect(res.text).not.toContain('<form');
  });
});
