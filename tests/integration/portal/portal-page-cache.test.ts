/**
 * The home page is kept rendered between views (http/portal/home-page-cache.ts), revalidated by ETag and compressed.
 * Every change a customer should see must be on the very next view, also when it was made by another Thread process:
 * here each change is made through the services or through a second portal app (a second process's cache), never
 * through the app whose cache is being tested, which is told nothing.
 */
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Express } from 'express';
import request from 'supertest';
import type { PrismaClient } from '../../../src/db/generated/client';
import { updateContact } from '../../../src/services/contacts/update-contact';
import { blockMilestone } from '../../../src/services/milestones/block-milestone';
import { updateSettings } from '../../../src/services/organizations/update-settings';
import { refreshProfile } from '../../../src/services/people/refresh-profile';
import { createPortalLink } from '../../../src/services/portal/create-portal-link';
import { revokePortalLink } from '../../../src/services/portal/revoke-portal-link';
import { serviceContext, type TestServiceContext } from '../../support/service-context';
import { useTestDatabase } from '../../support/test-database';
import {
  buildPortalApp,
  buildPortalFixture,
  csrfFrom,
  CSM_SLACK_ID,
  PUBLIC_URL,
  publishReadyRequest,
  type PortalFixture,
} from './portal-fixture';

const t = useTestDatabase();
const uploadDir = mkdtempSync(path.join(os.tmpdir(), 'thread-portal-cache-'));
let ctx: TestServiceContext;

beforeEach(() => {
  ctx = serviceContext(t.db, '2026-11-24T10:00:00Z');
});

/** The page without its per-response nonce, so two answers can be compared. */
const stable = (body: string) => body.replace(/nonce="[^"]+"/g, 'nonce=""');

/** The portal as two processes sharing the database: `a` is the one whose kept pages are checked. */
function twoProcesses() {
  return { a: buildPortalApp({ ctx, uploadDir }).app, b: buildPortalApp({ ctx, uploadDir }).app };
}

async function home(app: Express, f: { token: string }) {
  return (await request(app).get(`/portal/${f.token}`).expect(200)).text;
}

/** The CSM blocks the plan's Implementation milestone, waiting on the customer. */
async function blockImplementation(f: PortalFixture) {
  const implementation = await t.db.prisma.milestone.findFirstOrThrow({
    where: { accountId: f.accountId, name: 'Implementation' },
  });
  await blockMilestone(ctx, {
    organizationId: f.organizationId,
    actor: { userId: f.csmUserId },
    milestoneId: implementation.id,
    note: 'Waiting for the staging VPN',
    cause: 'customer',
  });
}

describe('the kept home page shows every change on the next view', () => {
  it('after the customer answers a form (through another process)', async () => {
    const f = await buildPortalFixture(ctx);
    const { a, b } = twoProcesses();
    const formLink = `/portal/${f.token}/requests/${f.formActionId}`;
    expect(await home(a, f)).toContain(formLink);

    const agent = request.agent(b);
    const form = await agent.get(formLink).expect(200);
    await agent
      .post(formLink)
      .type('form')
      .send({
        _csrf: csrfFrom(form.text),
        sso_provider: 'Okta',
        idp_metadata_url: 'https://acme.okta.com/app/exk1/sso/saml/metadata',
        it_admin_email: 'it.admin@northwind.io',
        scim_provisioning: 'yes',
      })
      .expect(303);

    const after = await home(a, f);
    expect(after).not.toContain(formLink);
    expect(after).toMatch(/done-list__title">Technical details form</);
  });

  it('after the CSM blocks a milestone', async () => {
    const f = await buildPortalFixture(ctx);
    const { a } = twoProcesses();
    expect(await home(a, f)).not.toContain('Implementation is on hold');

    await blockImplementation(f);

    const after = await home(a, f);
    expect(after).toContain('Implementation is on hold');
    expect(after).toContain('Waiting for the staging VPN');
  });

  it('after the CSM publishes a request', async () => {
    const f = await buildPortalFixture(ctx);
    const { a } = twoProcesses();
    expect(await home(a, f)).not.toContain(f.readyActionId);

    await publishReadyRequest(ctx, f);

    expect(await home(a, f)).toContain(`/portal/${f.token}/requests/${f.readyActionId}`);
  });

  it('after an admin changes the branding', async () => {
    const f = await buildPortalFixture(ctx);
    const { a } = twoProcesses();
    expect(await home(a, f)).toContain('--brand:#0e7c66');

    await updateSettings(ctx, {
      organizationId: f.organizationId,
      actor: 'cli',
      settings: { name: 'Acme Cloud Europe', brandColor: '#aa3300' },
    });

    const after = await home(a, f);
    expect(after).toContain('--brand:#aa3300');
    expect(after).toContain('Acme Cloud Europe');
  });

  it("after the CSM corrects the contact's name", async () => {
    const f = await buildPortalFixture(ctx);
    const { a } = twoProcesses();
    expect(await home(a, f)).toContain('Hello Maria');

    await updateContact(ctx, {
      organizationId: f.organizationId,
      actor: { userId: f.csmUserId },
      contactId: f.contactId,
      changes: { name: 'Marie Anders' },
    });

    expect(await home(a, f)).toContain('Hello Marie');
  });

  it("after the CSM's Slack profile changes", async () => {
    const f = await buildPortalFixture(ctx);
    const { a } = twoProcesses();
    expect(await home(a, f)).toContain('Priya Shah');

    await refreshProfile(ctx, {
      organizationId: f.organizationId,
      slackUserId: CSM_SLACK_ID,
      profile: { name: 'Priya Shah-Iyer', email: 'priya.shah@demo.example' },
    });

    expect(await home(a, f)).toContain('Priya Shah-Iyer');
  });

  it('after time alone moves the schedule on, with nothing written', async () => {
    const f = await buildPortalFixture(ctx);
    const { a } = twoProcesses();
    const court = (page: string) => /<p class="schedule__court">(.*?)<\/p>/s.exec(page)![1];
    const before = court(await home(a, f));

    ctx.advance(2 * 86_400_000); // Tuesday to Thursday: two more business days of waiting

    const after = court(await home(a, f));
    expect(after).not.toBe(before);
    // The same page as one rendered by a process that never kept it.
    expect(stable(await home(a, f))).toBe(stable(await home(buildPortalApp({ ctx, uploadDir }).app, f)));
  });
});

describe('a repeat view', () => {
  it('reads only the link, the visit and the version when nothing changed, and renders the same page', async () => {
    const f = await buildPortalFixture(ctx);
    let queries = 0;
    const counted = t.db.prisma.$extends({
      query: {
        async $allOperations({ args, query }) {
          queries++;
          return query(args);
        },
      },
    }) as unknown as PrismaClient;
    const { app } = buildPortalApp({ ctx: { ...ctx, prisma: counted }, uploadDir });
    const first = await home(app, f);
    const afterFirst = queries;
    const second = await home(app, f);
    expect(queries - afterFirst).toBe(1);
    expect(afterFirst).toBeGreaterThan(1);
    expect(stable(second)).toBe(stable(first));
  });
});

describe('ETag and 304', () => {
  it('answers a repeat visit 304 with no body and no policy of its own, and 200 with a new ETag after a change', async () => {
    const f = await buildPortalFixture(ctx);
    const { app } = buildPortalApp({ ctx, uploadDir });
    const first = await request(app).get(`/portal/${f.token}`).expect(200);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]{32}"$/);
    expect(first.headers.vary).toMatch(/Accept-Encoding/i);

    const repeat = await request(app).get(`/portal/${f.token}`).set('If-None-Match', etag).expect(304);
    expect(repeat.text ?? '').toBe('');
    expect(repeat.headers.etag).toBe(etag);
    expect(repeat.headers['cache-control']).toBe('private, no-cache');
    // The browser keeps the policy that came with the page it holds: that one's nonce matches the page.
    expect(repeat.headers['content-security-policy']).toBeUndefined();

    await blockImplementation(f);
    const changed = await request(app).get(`/portal/${f.token}`).set('If-None-Match', etag).expect(200);
    expect(changed.text).toContain('Implementation is on hold');
    expect(changed.headers.etag).not.toBe(etag);
    expect(String(changed.headers['content-security-policy'])).toContain("default-src 'none'");
  });

  it('counts a 304 as a visit like any view', async () => {
    const f = await buildPortalFixture(ctx);
    const { app } = buildPortalApp({ ctx, uploadDir });
    const visits = () => t.db.prisma.engagementEvent.count({ where: { kind: 'portal_visit', contactId: f.contactId } });
    const etag = String((await request(app).get(`/portal/${f.token}`).expect(200)).headers.etag);
    ctx.advance(31 * 60 * 1000);
    // Half an hour on, the page may say something else about time; the same page if not, a new one if so.
    const again = await request(app).get(`/portal/${f.token}`).set('If-None-Match', etag);
    expect([200, 304]).toContain(again.status);
    expect(await visits()).toBe(2);
  });

  it('reloads in full when the browser asks for no cached copy', async () => {
    const f = await buildPortalFixture(ctx);
    const { app } = buildPortalApp({ ctx, uploadDir });
    const etag = String((await request(app).get(`/portal/${f.token}`).expect(200)).headers.etag);
    const reload = await request(app)
      .get(`/portal/${f.token}`)
      .set('If-None-Match', etag)
      .set('Cache-Control', 'no-cache')
      .expect(200);
    expect(reload.text).toContain('Hello Maria');
  });

  it("never answers 304 to another link, even to the same contact's identical page", async () => {
    const f = await buildPortalFixture(ctx);
    const { app } = buildPortalApp({ ctx, uploadDir });
    // Brightline has nothing published, so no link appears in its page: two links see byte-identical pages.
    const brightline = await t.db.prisma.account.findFirstOrThrow({
      where: { organizationId: f.organizationId, name: 'Brightline Analytics' },
    });
    const link = async () =>
      (
        await createPortalLink(ctx, {
          organizationId: f.organizationId,
          accountId: brightline.id,
          actor: 'cli',
          publicUrl: PUBLIC_URL,
        })
      ).url
        .split('/')
        .pop()!;
    const [one, two] = [{ token: await link() }, { token: await link() }];
    const first = await request(app).get(`/portal/${one.token}`).expect(200);
    const second = await request(app).get(`/portal/${two.token}`).expect(200);
    expect(stable(second.text)).toBe(stable(first.text));
    expect(second.headers.etag).not.toBe(first.headers.etag);

    const crossed = await request(app).get(`/portal/${two.token}`).set('If-None-Match', String(first.headers.etag));
    expect(crossed.status).toBe(200);
  });

  it('refuses a revoked link even with the ETag of the page it showed', async () => {
    const f = await buildPortalFixture(ctx);
    const { app } = buildPortalApp({ ctx, uploadDir });
    const etag = String((await request(app).get(`/portal/${f.token}`).expect(200)).headers.etag);
    await revokePortalLink(ctx, { organizationId: f.organizationId, accountId: f.accountId, actor: 'cli' });
    const res = await request(app).get(`/portal/${f.token}`).set('If-None-Match', etag).expect(404);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toContain('This link is not working');
  });
});

/** A GET with the response body as the bytes sent (supertest would decompress it). */
async function rawGet(app: Express, urlPath: string, headers: Record<string, string>) {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    return await new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const req = http.get(
        { host: '127.0.0.1', port: (server.address() as AddressInfo).port, path: urlPath, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
    });
  } finally {
    server.close();
  }
}

describe('compression', () => {
  async function pages(f: PortalFixture, acceptEncoding?: string) {
    const { app } = buildPortalApp({ ctx, uploadDir });
    const plain = await rawGet(app, `/portal/${f.token}`, {});
    const asked = await rawGet(app, `/portal/${f.token}`, acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {});
    return { plain, asked };
  }

  it('sends the page gzipped when the browser accepts gzip', async () => {
    const f = await buildPortalFixture(ctx);
    const { plain, asked } = await pages(f, 'gzip, deflate');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(asked.headers['content-encoding']).toBe('gzip');
    expect(Number(asked.headers['content-length'])).toBe(asked.body.length);
    expect(asked.body.length).toBeLessThan(plain.body.length / 2);
    expect(stable(zlib.gunzipSync(asked.body).toString('utf8'))).toBe(stable(plain.body.toString('utf8')));
  });

  it('sends it with brotli when the browser names brotli first', async () => {
    const f = await buildPortalFixture(ctx);
    const { plain, asked } = await pages(f, 'br, gzip');
    expect(asked.headers['content-encoding']).toBe('br');
    expect(stable(zlib.brotliDecompressSync(asked.body).toString('utf8'))).toBe(stable(plain.body.toString('utf8')));
  });

  it('sends the page as it is when the browser refuses or does not name an encoding Thread has', async () => {
    const f = await buildPortalFixture(ctx);
    for (const acceptEncoding of ['gzip;q=0, br;q=0', 'deflate', 'identity']) {
      const { plain, asked } = await pages(f, acceptEncoding);
      expect(asked.headers['content-encoding']).toBeUndefined();
      expect(stable(asked.body.toString('utf8'))).toBe(stable(plain.body.toString('utf8')));
    }
  });
});
