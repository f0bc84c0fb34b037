/**
 * Several Thread processes behind one load balancer: a customer's page may come from one process and their post
 * from another. Each process derives the portal's signing key from THREAD_ENCRYPTION_KEY on its own, so they
 * accept each other's CSRF tokens and download links; a process with another key accepts neither.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { resolveEncryptionKey } from '../../../src/db/encryption-key';
import { portalSigningKey } from '../../../src/services/portal/portal-signing-key';
import { RecordingNotifier } from '../../support/recording-notifier';
import { serviceContext, type TestServiceContext } from '../../support/service-context';
import { useTestDatabase } from '../../support/test-database';
import { buildPortalApp, buildPortalFixture, csrfFrom, PUBLIC_URL } from './portal-fixture';

const t = useTestDatabase();
const SHARED_KEY = 'ab'.repeat(32);
const OTHER_KEY = Buffer.alloc(32, 7).toString('base64');
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(500, 'a'), Buffer.from('\n%%EOF\n')]);
let ctx: TestServiceContext;

beforeEach(() => {
  ctx = serviceContext(t.db, '2026-11-24T10:00:00Z');
});

/** One Thread process's portal: its own data directory, the key it resolves from its environment. */
async function processWith(
  encryptionKey: string | undefined,
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'thread-')),
) {
  const { key } = await resolveEncryptionKey({ configured: encryptionKey, dataDir });
  const notifier = new RecordingNotifier();
  const { app } = buildPortalApp({
    ctx,
    uploadDir: path.join(dataDir, 'uploads'),
    notifier,
    secret: portalSigningKey(key),
  });
  return { app, notifier, dataDir };
}

/** Opens a request page on one process: the CSRF field and the cookie the browser would send back. */
async function openPage(app: Express, url: string): Promise<{ csrf: string; cookie: string }> {
  const page = await request(app).get(url).expect(200);
  const setCookie = ([] as string[]).concat(page.headers['set-cookie'] ?? []);
  const cookie = setCookie.map((c) => c.split(';')[0]!).find((c) => c.startsWith('thread_portal_csrf='));
  if (!cookie) throw new Error('the page set no CSRF cookie');
  return { csrf: csrfFrom(page.text), cookie };
}

describe('processes sharing THREAD_ENCRYPTION_KEY', () => {
  it("accept each other's CSRF tokens; a process with another key refuses them", async () => {
    const f = await buildPortalFixture(ctx);
    const first = await processWith(SHARED_KEY);
    const second = await processWith(SHARED_KEY);
    const stranger = await processWith(OTHER_KEY);
    const url = `/portal/${f.token}/requests/${f.formActionId}`;
    const { csrf, cookie } = await openPage(first.app, url);
    const answer = {
      _csrf: csrf,
      sso_provider: 'Okta',
      idp_metadata_url: 'https://acme.okta.com/app/exk1/sso/saml/metadata',
      it_admin_email: 'it.admin@northwind.io',
      scim_provisioning: 'yes',
    };

    await request(stranger.app).post(url).set('Cookie', cookie).type('form').send(answer).expect(403);
    expect(await t.db.prisma.submission.count({ where: { actionId: f.formActionId } })).toBe(0);

    const res = await request(second.app).post(url).set('Cookie', cookie).type('form').send(answer).expect(303);
    expect(res.headers.location).toBe(`/portal/${f.token}?answered=${f.formActionId}`);
    expect(await t.db.prisma.submission.count({ where: { actionId: f.formActionId } })).toBe(1);
  });

  it("accept each other's download links; a process with another key refuses them", async () => {
    const f = await buildPortalFixture(ctx);
    // One data directory for the uploaded file, as several processes share their storage.
    const first = await processWith(SHARED_KEY);
    const second = await processWith(SHARED_KEY, first.dataDir);
    const stranger = await processWith(OTHER_KEY, first.dataDir);
    const url = `/portal/${f.token}/requests/${f.documentActionId}`;
    const { csrf, cookie } = await openPage(first.app, url);
    await request(first.app)
      .post(`${url}/upload`)
      .set('Cookie', cookie)
      .field('_csrf', csrf)
      .attach('file', PDF, { filename: 'dpa.pdf', contentType: 'application/pdf' })
      .expect(303);
    const told = first.notifier.calls('portalAnswerReceived')[0]?.[0].answer;
    if (told?.kind !== 'document') throw new Error('the CSM was not told about the upload');
    const link = told.downloadUrl.replace(PUBLIC_URL, '');

    await request(second.app).get(link).expect(200).expect('Content-Type', 'application/pdf');
    await request(stranger.app).get(link).expect(404);
  });
});

describe('the portal signing key', () => {
  it('is the same for processes on one data directory without THREAD_ENCRYPTION_KEY (the embedded default)', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'thread-'));
    const a = portalSigningKey((await resolveEncryptionKey({ dataDir })).key);
    const b = portalSigningKey((await resolveEncryptionKey({ dataDir })).key);
    const elsewhere = portalSigningKey(
      (await resolveEncryptionKey({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'thread-')) })).key,
    );
    expect(a.equals(b)).toBe(true);
    expect(a.equals(elsewhere)).toBe(false);
  });

  it('is not the encryption key itself', async () => {
    const { key } = await resolveEncryptionKey({ configured: SHARED_KEY, dataDir: os.tmpdir() });
    expect(portalSigningKey(key).equals(key)).toBe(false);
    expect(portalSigningKey(key)).toHaveLength(32);
  });
});
