/**
 * Asks an https address what it answers with, reading only the response headers: the one place Thread makes this
 * kind of request (for the organisation's logo). HEAD first; a server that refuses HEAD gets a GET whose body is
 * never read. Redirects are followed a few times but never off https, the whole check has one deadline, and a
 * declared size over the limit is refused, so a slow, huge or downgrading address cannot become the logo.
 */
import { STATUS_CODES, type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { ImageProbeAnswer } from '../../domain/logo-url';

export const IMAGE_PROBE_LIMITS = {
  timeoutMs: 5_000,
  maxRedirects: 3,
  maxBytes: 5 * 1024 * 1024,
} as const;

export interface ImageProbeOptions {
  /**
   * Certificates to trust instead of Node's default ones (PEM): a test's server with a self-signed certificate.
   * Production leaves it unset.
   */
  ca?: string | Buffer | (string | Buffer)[];
  /** The deadline for the whole check, redirects included; 5 seconds unless a test wants a shorter one. */
  timeoutMs?: number;
}

interface Hop {
  status: number;
  headers: IncomingHttpHeaders;
}

/** Error codes under which Node reports a certificate it cannot trust. */
const CERTIFICATE_ERROR = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;

const failed = (reason: string): ImageProbeAnswer => ({ ok: false, reason });

/** Status codes with which a server says it does not do HEAD (405 Method Not Allowed, 501 Not Implemented). */
const HEAD_REFUSED = new Set([405, 501]);

function statusText(status: number): string {
  return `${status} ${STATUS_CODES[status] ?? ''}`.trim();
}

/** The media type without parameters, lower case and short enough to quote back ("text/html"). */
function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase().slice(0, 100);
}

/** Rounded up, so a size just over the limit does not read as the limit itself. */
function megabytes(bytes: number): string {
  return String(Math.ceil((bytes / (1024 * 1024)) * 10) / 10);
}

function describeError(error: unknown, host: string, timeoutMs: number): string {
  const e = error as { name?: string; code?: string; message?: string };
  if (e.name === 'AbortError' || e.code === 'ABORT_ERR') {
    return `it did not answer within ${timeoutMs >= 1000 ? `${timeoutMs / 1000} seconds` : `${timeoutMs} ms`}`;
  }
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') return `no server named ${host} could be found`;
  if (e.code === 'ECONNREFUSED') return `${host} refused the connection`;
  if (e.code === 'ECONNRESET') return `${host} closed the connection before answering`;
  if (e.code && CERTIFICATE_ERROR.test(e.code)) return `the https certificate of ${host} is not trusted (${e.code})`;
  return e.code ?? e.message ?? 'the request failed';
}

/** The image probe port of updateSettings (services/organizations/image-probe-port.ts), checked where it is composed. */
export function createImageProbe(options: ImageProbeOptions = {}) {
  const timeoutMs = options.timeoutMs ?? IMAGE_PROBE_LIMITS.timeoutMs;

  /** One request; resolves with the status and headers and drops the connection, body unread. */
  function ask(url: URL, method: 'HEAD' | 'GET', signal: AbortSignal): Promise<Hop> {
    return new Promise((resolve, reject) => {
      const req = https.request(
        url,
        {
          method,
          signal,
          // A fresh connection each time: nothing is kept open for a check made once in a while.
          agent: false,
          ...(options.ca ? { ca: options.ca } : {}),
          headers: { accept: 'image/*', 'user-agent': 'Thread (logo check)' },
        },
        (res) => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers });
          res.destroy();
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  /** `at.url` is where the check is now, so a failure names the host that failed rather than the first one. */
  async function follow(at: { url: URL }, signal: AbortSignal): Promise<ImageProbeAnswer> {
    for (let redirects = 0; ; redirects++) {
      const url = at.url;
      let hop = await ask(url, 'HEAD', signal);
      if (HEAD_REFUSED.has(hop.status)) hop = await ask(url, 'GET', signal);
      const { status, headers } = hop;
      if (status >= 300 && status < 400) {
        if (!headers.location) return failed(`it answered ${statusText(status)} without saying where to`);
        if (redirects >= IMAGE_PROBE_LIMITS.maxRedirects) {
          return failed(`it redirects more than ${IMAGE_PROBE_LIMITS.maxRedirects} times`);
        }
        let next: URL;
        try {
          next = new URL(headers.location, url);
        } catch {
          return failed('it redirects to something that is not a web address');
        }
        if (next.protocol !== 'https:') {
          return failed(`it redirects to ${next.protocol}//${next.host}, which is not https`);
        }
        at.url = next;
        continue;
      }
      if (status < 200 || status >= 300) return failed(`it answered ${statusText(status)}`);
      const declared = Number(headers['content-length']);
      if (Number.isFinite(declared) && declared > IMAGE_PROBE_LIMITS.maxBytes) {
        return failed(
          `it is ${megabytes(declared)} MB, and a logo may be at most ${megabytes(IMAGE_PROBE_LIMITS.maxBytes)} MB`,
        );
      }
      return { ok: true, contentType: mediaType(headers['content-type']) };
    }
  }

  return {
    async probe(address: string): Promise<ImageProbeAnswer> {
      let url: URL;
      try {
        url = new URL(address);
      } catch {
        return failed('it is not a web address');
      }
      if (url.protocol !== 'https:') return failed('it is not an https address');
      const at = { url };
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(), timeoutMs);
      try {
        return await follow(at, deadline.signal);
      } catch (error) {
        return failed(describeError(error, at.url.host, timeoutMs));
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
