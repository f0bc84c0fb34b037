import { createImageProbe } from '../../../src/connectors/web/image-probe';
import {
  hang,
  headers,
  startFakeWebServer,
  startPlainHttpServer,
  type FakeWebServer,
} from '../../support/fake-web-server';

// The real connector, over real TLS, against a web host on 127.0.0.1 whose self-signed certificate it is told to trust.
describe('the logo image probe', () => {
  let web: FakeWebServer;
  let probe: ReturnType<typeof createImageProbe>;

  beforeAll(async () => {
    web = await startFakeWebServer();
    probe = createImageProbe({ ca: web.cert });
  });
  beforeEach(() => web.reset());
  afterAll(async () => {
    await web.stop();
  });

  it('answers with the media type of an image, from a HEAD request alone', async () => {
    web.answer('/logo.png', headers(200, { 'content-type': 'image/png', 'content-length': '2048' }));
    expect(await probe.probe(`${web.origin}/logo.png`)).toEqual({ ok: true, contentType: 'image/png' });
    expect(web.requests).toEqual(['HEAD /logo.png']);
  });

  it('answers with text/html for a web page, without its parameters, so the service can refuse it', async () => {
    web.answer('/about', headers(200, { 'content-type': 'Text/HTML; charset=utf-8' }));
    expect(await probe.probe(`${web.origin}/about`)).toEqual({ ok: true, contentType: 'text/html' });
  });

  it('asks with GET when the host refuses HEAD, and reads no body', async () => {
    web.answer('/logo.svg', (req, res) => {
      if (req.method === 'HEAD') {
        res.writeHead(405, { allow: 'GET' });
        res.end();
        return;
      }
      // A body that never ends: the probe has its answer from the headers and must not wait for the rest.
      res.writeHead(200, { 'content-type': 'image/svg+xml' });
      res.write('<svg');
    });
    expect(await probe.probe(`${web.origin}/logo.svg`)).toEqual({ ok: true, contentType: 'image/svg+xml' });
    expect(web.requests).toEqual(['HEAD /logo.svg', 'GET /logo.svg']);
  });

  it('refuses an address that answers 404', async () => {
    expect(await probe.probe(`${web.origin}/missing.png`)).toEqual({ ok: false, reason: 'it answered 404 Not Found' });
  });

  it('follows a redirect that stays on https', async () => {
    web.answer('/old-logo', headers(301, { location: '/brand/logo.png' }));
    web.answer('/brand/logo.png', headers(200, { 'content-type': 'image/png' }));
    expect(await probe.probe(`${web.origin}/old-logo`)).toEqual({ ok: true, contentType: 'image/png' });
    expect(web.requests).toEqual(['HEAD /old-logo', 'HEAD /brand/logo.png']);
  });

  it('refuses a redirect to http and never asks the http address', async () => {
    const plain = await startPlainHttpServer();
    try {
      web.answer('/logo.png', headers(302, { location: `${plain.origin}/logo.png` }));
      expect(await probe.probe(`${web.origin}/logo.png`)).toEqual({
        ok: false,
        reason: `it redirects to ${plain.origin}, which is not https`,
      });
      expect(plain.requests).toEqual([]);
    } finally {
      await plain.stop();
    }
  });

  it('refuses after three redirects', async () => {
    for (const n of [1, 2, 3, 4]) web.answer(`/r${n}`, headers(307, { location: `/r${n + 1}` }));
    web.answer('/r5', headers(200, { 'content-type': 'image/png' }));
    expect(await probe.probe(`${web.origin}/r1`)).toEqual({ ok: false, reason: 'it redirects more than 3 times' });
    expect(web.requests).toEqual(['HEAD /r1', 'HEAD /r2', 'HEAD /r3', 'HEAD /r4']);
  });

  it('refuses an image over 5 MB by its Content-Length, and takes one of exactly 5 MB', async () => {
    web.answer(
      '/huge.png',
      headers(200, { 'content-type': 'image/png', 'content-length': String(5 * 1024 * 1024 + 1) }),
    );
    web.answer('/five.png', headers(200, { 'content-type': 'image/png', 'content-length': String(5 * 1024 * 1024) }));
    expect(await probe.probe(`${web.origin}/huge.png`)).toEqual({
      ok: false,
      reason: 'it is 5.1 MB, and a logo may be at most 5 MB',
    });
    expect(await probe.probe(`${web.origin}/five.png`)).toEqual({ ok: true, contentType: 'image/png' });
  });

  it('gives up on a host that does not answer in time', async () => {
    web.answer('/slow.png', hang);
    const impatient = createImageProbe({ ca: web.cert, timeoutMs: 200 });
    expect(await impatient.probe(`${web.origin}/slow.png`)).toEqual({
      ok: false,
      reason: 'it did not answer within 200 ms',
    });
  });

  it('refuses a host whose certificate is not trusted', async () => {
    web.answer('/logo.png', headers(200, { 'content-type': 'image/png' }));
    const host = new URL(web.origin).host;
    expect(await createImageProbe().probe(`${web.origin}/logo.png`)).toEqual({
      ok: false,
      reason: `the https certificate of ${host} is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT)`,
    });
    expect(web.requests).toEqual([]);
  });

  it('refuses anything but an https address before asking anyone', async () => {
    expect(await probe.probe('http://127.0.0.1/logo.png')).toEqual({ ok: false, reason: 'it is not an https address' });
    expect(await probe.probe('not a url')).toEqual({ ok: false, reason: 'it is not a web address' });
  });
});
