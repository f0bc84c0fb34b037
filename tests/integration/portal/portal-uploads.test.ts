import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { signDownloadUrl } from '../../../src/services/portal/download-link';
import { RecordingNotifier } from '../../support/recording-notifier';
import { serviceContext, type TestServiceContext } from '../../support/service-context';
import { useTestDatabase } from '../../support/test-database';
import {
  buildPortalApp,
  buildPortalFixture,
  countNewSubmissions,
  csrfFrom,
  publishReadyRequest,
  PUBLIC_URL,
} from './portal-fixture';

const t = useTestDatabase();
let uploadDir: string;
let ctx: TestServiceContext;

beforeEach(() => {
  ctx = serviceContext(t.db, '2026-11-24T10:00:00Z');
  uploadDir = mkdtempSync(path.join(os.tmpdir(), 'thread-portal-uploads-'));
});

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3000, 'a'), Buffer.from('\n%%EOF\n')]);

async function openUpload(f: { token: string; documentActionId: string }, app: Parameters<typeof request.agent>[0]) {
  const agent = request.agent(app);
  const page = await agent.get(`/portal/${f.token}/requests/${f.documentActionId}`).expect(200);
  expect(page.text).toContain('enctype="multipart/form-data"');
  return { agent, csrf: csrfFrom(page.text), url: `/portal/${f.token}/requests/${f.documentActionId}/upload` };
}

function storedFiles(): string[] {
  const root = path.join(uploadDir, 'sha256');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name));
}

function leftoverTemporaryFiles(): string[] {
  const tmp = path.join(uploadDir, 'tmp');
  return existsSync(tmp) ? readdirSync(tmp) : [];
}

describe('POST /portal/:token/requests/:actionId/upload', () => {
  it('stores the document by content hash, completes the request and gives the CSM a signed download link', async () => {
    const f = await buildPortalFixture(ctx);
    const notifier = new RecordingNotifier();
    const { app } = buildPortalApp({ ctx, uploadDir, notifier });
    const { agent, csrf, url } = await openUpload(f, app);

    const res = await agent
      .post(url)
      .field('_csrf', csrf)
      .attach('file', PDF, { filename: '../../Signed DPA.pdf', contentType: 'application/pdf' })
      .expect(303);
    expect(res.headers.location).toBe(`/portal/${f.token}?answered=${f.documentActionId}`);

    const sha = createHash('sha256').update(PDF).digest('hex');
    const submission = await t.db.prisma.submission.findFirstOrThrow({ where: { actionId: f.documentActionId } });
    expect(submission).toMatchObject({
      kind: 'document',
      fileName: 'Signed DPA.pdf',
      fileSize: PDF.length,
      contentType: 'application/pdf',
      contentHash: sha,
      storageKey: `sha256/${sha.slice(0, 2)}/${sha}`,
    });
    expect(readFileSync(path.join(uploadDir, 'sha256', sha.slice(0, 2), sha)).equals(PDF)).toBe(true);
    expect(leftoverTemporaryFiles()).toEqual([]);
    expect((await t.db.prisma.action.findUniqueOrThrow({ where: { id: f.documentActionId } })).status).toBe(
      'completed',
    );
    expect(await t.db.prisma.engagementEvent.count({ where: { kind: 'document_uploaded' } })).toBe(1);
    expect(
      await t.db.prisma.auditEvent.count({
        where: { entityId: f.documentActionId, fromState: 'executed', toState: 'completed' },
      }),
    ).toBe(1);

    const answers = notifier.calls('portalAnswerReceived');
    expect(answers).toHaveLength(1);
    const [told] = answers[0]!;
    expect(told).toMatchObject({
      actionId: f.documentActionId,
      actionName: 'Signed data processing agreement',
      answer: { kind: 'document', fileName: 'Signed DPA.pdf', fileSize: PDF.length },
    });
    if (told.answer.kind !== 'document') throw new Error('expected a document answer');
    const link = told.answer.downloadUrl;
    expect(link.startsWith(`${PUBLIC_URL}/portal/files/`)).toBe(true);
    const download = await request(app)
      .get(link.replace(PUBLIC_URL, ''))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain('attachment; filename="Signed DPA.pdf"');
    expect((download.body as Buffer).equals(PDF)).toBe(true);
  });

  it('refuses a download link that was tampered with or has expired', async () => {
    const f = await buildPortalFixture(ctx);
    const notifier = new RecordingNotifier();
    const { app, secret } = buildPortalApp({ ctx, uploadDir, notifier });
    const { agent, csrf, url } = await openUpload(f, app);
    await agent
      .post(url)
      .field('_csrf', csrf)
      .attach('file', PDF, { filename: 'dpa.pdf', contentType: 'application/pdf' })
      .expect(303);
    const submission = await t.db.prisma.submission.findFirstOrThrow({ where: { actionId: f.documentActionId } });

    const good = signDownloadUrl({ publicUrl: '', secret, submissionId: submission.id, now: ctx.now() });
    await request(app).get(good).expect(200);
    await request(app)
      // The signature's first character changed to another one, whatever it was.
      .get(good.replace(/sig=(.)/, (_, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`))
      .expect(404);
    await request(app)
      .get(good.replace(/expires=\d+/, 'expires=9999999999'))
      .expect(404);
    const wrongKey = signDownloadUrl({
      publicUrl: '',
      secret: Buffer.alloc(32, 1),
      submissionId: submission.id,
      now: ctx.now(),
    });
    await request(app).get(wrongKey).expect(404);
    ctx.advance(24 * 60 * 60 * 1000 + 1000);
    const expired = await request(app).get(good).expect(404);
    expect(expired.text).toContain('This download link is not working');
  });

  it('refuses a file over the size limit, keeping nothing', async () => {
    const f = await buildPortalFixture(ctx);
    const { app } = buildPortalApp({ ctx, uploadDir, maxBytes: 2048 });
    const { agent, csrf, url } = await openUpload(f, app);
    const res = await agent
      .post(url)
      .field('_csrf', csrf)
      .attach('file', PDF, { filename: 'dpa.pdf', contentType: 'application/pdf' })
      .expect(413);
    expect(res.text).toContain('That file is too large. The limit is 2 KB.');
    expect(res.text).toContain('aria-invalid="true"');
    expect(await countNewSubmissions(ctx, f)).toBe(0);
    expect(storedFiles()).toEqual([]);
    expect(leftoverTemporaryFiles()).toEqual([]);
    expect((await t.db.prisma.action.findUniqueOrThrow({ where: { id: f.documentActionId } })).status).toBe('executed');
  });

  it('refuses a too-large body announced by its Content-Length without reading it', async () => {
    const f = await buildPortalFixture(ctx);
    const { app } = buildPortalApp({ ctx, uploadDir, maxBytes: 1024 });
    const { agent, csrf, url } = await openUpload(f, app);
    const big = Buffer.alloc(200 * 1024, 'b');
    const res = await agent
      .post(url)
      .field('_csrf', csrf)
      .attach('file', big, { filename: 'big.pdf', contentType: 'application/pdf' })
      .expect(413);
    expect(res.text).toContain('That file is too large.');
    expect(storedFiles()).toEqual([]);
  });

  it.each([
    ['an executable', 'setup.exe', 'application/octet-stream'],
    ['an HTML page', 'invoice.html', 'text/html'],
    ['a PDF that claims to be HTML', 'dpa.pdf', 'text/html'],
    ['a file without an extension', 'README', 'text/plain'],
  ])('refuses %s', async (_what, filename, contentType) => {
    const f = await buildPortalFixture(ctx);
    const { app } = buildPortalApp({ ctx, uploadDir });
    const { agent, csrf, url } = await openUpload(f, app);
    const res = await agent
      .post(url)
      .field('_csrf', csrf)
      .attach('file', Buffer.from('<script>alert(1)</script>'), { filename, contentType })
      .expect(422);
    expect(res.text).toContain(
      'That type of file cannot be uploaded here. Allowed types: .pdf, .png, .jpg, .docx, .txt.',
    );
    expect(await countNewSubmissions(ctx, f)).toBe(0);
    expect(storedFiles()).toEqual([]);
  });

  it('asks for a file when none was chosen, and refuses an empty one', async () => {
    const f = await buildPortalFixture(ctx);
    const { app } = buildPortalApp({ ctx, uploadDir });
    const { agent, csrf, url } = await openUpload(f, app);
    const none = await agent.post(url).field('_csrf', csrf).expect(422);
    expect(none.text).toContain('Please choose a file to upload.');
    const empty = await agent
      .post(url)
      .field('_csrf', csrf)
      .attach('file', Buffer.alloc(0), { filename: 'dpa.pdf', contentType: 'application/pdf' })
      .expect(422);
    expect(empty.text).toContain('That file is empty.');
    expect(await countNewSubmissions(ctx, f)).toBe(0);
  });

  it('refuses an upload without a valid CSRF token before storing anything', async () => {
    const f = await buildPortalFixture(ctx);
    const { app } = buildPortalApp({ ctx, uploadDir });
    const { agent, csrf, url } = await openUpload(f, app);
    await agent.post(url).attach('file', PDF, { filename: 'dpa.pdf', contentType: 'application/pdf' }).expect(403);
    await agent
      .post(url)
      .field('_csrf', 'forged')
      .attach('file', PDF, { filename: 'dpa.pdf', contentType: 'application/pdf' })
      .expect(403);
    await request(app)
      .post(url)
      .field('_csrf', csrf)
      .attach('file', PDF, { filename: 'dpa.pdf', contentType: 'application/pdf' })
      .expect(403);
    expect(storedFiles()).toEqual([]);
    expect(await countNewSubmissions(ctx, f)).toBe(0);
  });

  it('refuses a body that is not multipart, and uploads to a form request', async () => {
    const f = await buildPortalFixture(ctx);
    const { app } = buildPortalApp({ ctx, uploadDir });
    const { agent, csrf, url } = await openUpload(f, app);
    await agent.post(url).type('form').send({ _csrf: csrf }).expect(400);
    await agent
      .post(`/portal/${f.token}/requests/${f.formActionId}/upload`)
      .field('_csrf', csrf)
      .attach('file', PDF, { filename: 'dpa.pdf', contentType: 'application/pdf' })
      .expect(404);
    expect(storedFiles()).toEqual([]);
  });

  it('stores identical documents once', async () => {
    const f = await buildPortalFixture(ctx);
    const { app } = buildPortalApp({ ctx, uploadDir });
    const { agent, csrf, url } = await openUpload(f, app);
    await agent
      .post(url)
      .field('_csrf', csrf)
      .attach('file', PDF, { filename: 'dpa.pdf', contentType: 'application/pdf' })
      .expect(303);
    // The same file sent again for the next document request, once the CSM has published it.
    await publishReadyRequest(ctx, f);
    await agent
      .post(`/portal/${f.token}/requests/${f.readyActionId}/upload`)
      .field('_csrf', csrf)
      .attach('file', PDF, { filename: 'dpa-copy.pdf', contentType: 'application/pdf' })
      .expect(303);
    expect(await countNewSubmissions(ctx, f)).toBe(2);
    expect(storedFiles()).toHaveLength(1);
  });
});
