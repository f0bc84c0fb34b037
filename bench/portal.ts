/**
 * Portal benchmark: GET /portal/<token> through the real Express app (createHttpApp + createPortalRouter, as
 * start-thread.ts mounts them: helmet and CSP, token lookup, visit counting, the page query, server-side HTML) on
 * 127.0.0.1, under bounded concurrent load with keep-alive, beside two baselines on the same machine in the same run:
 * - raw work: a bare Express route doing the page's own work as directly as it can be written (portal-raw.ts: the
 *   same queries through `pg` on db.pool, the same pure page code, the same template, a fresh nonce);
 * - bare Express: a handler returning a string of the same size (the very HTML the portal answered).
 * The portal is measured twice: as it runs (repeat views of an unchanged page come from its page cache), and with
 * no page cache, so every request reads and renders its page (a page changed since the last view, or a first one).
 *
 * The links are real magic links made by createPortalLink, one per worker, so the failure limiter (which only
 * counts unknown, expired or revoked links) never comes into play; the bench fails if any answer is not 200, or if
 * the raw work's page is not the portal's page (nonces aside). The sides run in rounds, each round in a
 * rotated order, so that load from elsewhere on the machine falls on all of them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express, { type Express } from 'express';
import pg from 'pg';
import { DEFAULT_PORTAL_UPLOAD_EXTENSIONS } from '../src/config';
import { createFileStorage } from '../src/connectors/storage/create-file-storage';
import type { Database } from '../src/db/client';
import { createHttpApp } from '../src/http/app';
import { createPortalRouter } from '../src/http/portal/router';
import { silentLogger } from '../src/lib/logger';
import type { ServiceContext } from '../src/services/context';
import { mintPortalLink } from '../src/services/portal/mint-portal-link';
import { resolveEncryptionKey } from '../src/db/encryption-key';
import { portalSigningKey } from '../src/services/portal/portal-signing-key';
import { get, runLoad, type LoadResult } from './lib/http-load';
import type { BenchRow } from './lib/report';
import { ms, percentiles } from './lib/stats';
import { rawPortalPage } from './portal-raw';

const PUBLIC_URL = 'http://127.0.0.1:3000';
const ROUNDS = 4;

interface Side {
  name: string;
  server: http.Server;
  agent: http.Agent;
  results: LoadResult[];
}

export async function benchPortal(
  db: Database,
  options: { requests: number; concurrency: number },
): Promise<BenchRow[]> {
  const now = new Date('2026-03-10T10:00:00Z');
  const ctx: ServiceContext = { prisma: db.prisma, now: () => now, logger: silentLogger };
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'thread-bench-portal-'));
  const accounts = await db.prisma.account.count({ where: { name: { startsWith: 'Bench account ' } } });
  const paths = await magicLinkPaths(db, ctx, options.concurrency);

  const secret = portalSigningKey((await resolveEncryptionKey({ dataDir })).key);
  const threadApp = (homePageCacheEntries?: number) =>
    createHttpApp({
      logger: silentLogger,
      routers: [
        {
          path: '/portal',
          router: createPortalRouter({
            ctx,
            storage: createFileStorage({ dataDir }),
            secret,
            publicUrl: PUBLIC_URL,
            uploads: { maxBytes: 25 * 1024 * 1024, extensions: [...DEFAULT_PORTAL_UPLOAD_EXTENSIONS] },
            homePageCacheEntries,
          }),
        },
      ],
      readiness: { checkDatabase: async () => void (await db.pool.query('SELECT 1')) },
    });
  const sides: Side[] = [];
  const side = async (name: string, app: Express) => {
    const s: Side = {
      name,
      server: await listen(app),
      agent: new http.Agent({ keepAlive: true, maxSockets: options.concurrency }),
      results: [],
    };
    sides.push(s);
    return s;
  };
  try {
    const thread = await side('portal', threadApp());
    // One page per link first: checks the links work and counts each contact's visit, so the measured requests
    // are ordinary page views (a visit is counted once per 30 minutes).
    const pages = new Map<string, string>();
    for (const p of paths) {
      const res = await get(thread.agent, port(thread.server), p);
      if (res.status !== 200) throw new Error(`portal page answered ${res.status} for a fresh magic link`);
      pages.set(p, res.body.toString('utf8'));
    }
    const html = pages.get(paths[0]!)!;

    const rawPage = rawPortalPage(db.pool, pg.types, ctx.now);
    const rawApp = express();
    rawApp.disable('x-powered-by');
    rawApp.get('/portal/:token', async (req, res, next) => {
      try {
        const page = await rawPage(String(req.params.token), req.baseUrl + '/portal');
        res.status(page.status).type('html').send(page.html);
      } catch (error) {
        next(error);
      }
    });
    const raw = await side('raw work', rawApp);
    // Honesty check: the raw work renders the portal's very page (each page's nonce aside).
    for (const p of paths) {
      const res = await get(raw.agent, port(raw.server), p);
      if (res.status !== 200) throw new Error(`raw work answered ${res.status}`);
      if (withoutNonce(res.body.toString('utf8')) !== withoutNonce(pages.get(p)!))
        throw new Error(`raw work rendered a different page than the portal for ${p.slice(0, 12)}…`);
    }

    // The portal again with no page kept between requests: every request reads and renders its page.
    const uncached = await side('portal, no page cache', threadApp(0));
    for (const p of paths) {
      const res = await get(uncached.agent, port(uncached.server), p);
      if (withoutNonce(res.body.toString('utf8')) !== withoutNonce(pages.get(p)!))
        throw new Error(`the portal without its page cache rendered a different page for ${p.slice(0, 12)}…`);
    }

    const bareApp = express();
    bareApp.disable('x-powered-by');
    bareApp.get('/portal/:token', (_req, res) => {
      res.type('html').send(html);
    });
    const bare = await side('bare Express', bareApp);

    const perRound = Math.max(1, Math.ceil(options.requests / ROUNDS));
    const load = (s: Side, requests: number) =>
      runLoad({ agent: s.agent, port: port(s.server), paths, requests, concurrency: options.concurrency });
    for (const s of sides) await load(s, options.concurrency * 4); // warm-up, every side
    for (let round = 0; round < ROUNDS; round++) {
      // Rotate which side goes first, so none always runs right after another.
      for (let i = 0; i < sides.length; i++) {
        const s = sides[(round + i) % sides.length]!;
        s.results.push(await load(s, perRound));
      }
    }
    const [t, u, r, b] = [thread, uncached, raw, bare].map((s) => {
      const sum = summarize(s.results);
      const bad = Object.entries(sum.statuses).filter(([status]) => status !== '200');
      if (bad.length > 0) throw new Error(`${s.name} answered ${bad.map(([st, c]) => `${c}× ${st}`).join(', ')}`);
      return sum;
    }) as [Summary, Summary, Summary, Summary];

    const label = `GET /portal/<token>, ${accounts.toLocaleString('en-US')} accounts, ${options.concurrency} concurrent, ${t.requests.toLocaleString('en-US')} req`;
    const data = {
      accounts,
      concurrency: options.concurrency,
      requests: t.requests,
      links: paths.length,
      pageBytes: Buffer.byteLength(html),
      rounds: ROUNDS,
      portal: { seconds: t.seconds, rps: t.rps, latency: t.latency },
      portalNoPageCache: { seconds: u.seconds, rps: u.rps, latency: u.latency },
      rawWork: { seconds: r.seconds, rps: r.rps, latency: r.latency },
      bareExpress: { seconds: b.seconds, rps: b.rps, latency: b.latency },
      ratioToRawWork: { rps: r.rps / t.rps, p50: t.latency.p50 / r.latency.p50, p99: t.latency.p99 / r.latency.p99 },
      noPageCacheRatioToRawWork: {
        rps: r.rps / u.rps,
        p50: u.latency.p50 / r.latency.p50,
        p99: u.latency.p99 / r.latency.p99,
      },
      ratioToBareExpress: {
        rps: b.rps / t.rps,
        p50: t.latency.p50 / b.latency.p50,
        p99: t.latency.p99 / b.latency.p99,
      },
    };
    const rows = (
      versus: string,
      base: Summary,
      extra?: Record<string, unknown>,
      subject: { name: string; t: Summary } = { name: '', t },
    ): BenchRow[] => [
      {
        suite: 'portal',
        case: `${label}${subject.name} vs ${versus}`,
        database: db.kind,
        metric: 'req/s',
        value: `${subject.t.rps.toFixed(0)} req/s`,
        baseline: `${base.rps.toFixed(0)} req/s`,
        ratio: base.rps / subject.t.rps,
        ...(extra ? { data: extra } : {}),
      },
      {
        suite: 'portal',
        case: `${label}${subject.name} vs ${versus}`,
        database: db.kind,
        metric: 'p50',
        value: ms(subject.t.latency.p50),
        baseline: ms(base.latency.p50),
        ratio: subject.t.latency.p50 / base.latency.p50,
      },
      {
        suite: 'portal',
        case: `${label}${subject.name} vs ${versus}`,
        database: db.kind,
        metric: 'p99',
        value: ms(subject.t.latency.p99),
        baseline: ms(base.latency.p99),
        ratio: subject.t.latency.p99 / base.latency.p99,
      },
    ];
    return [
      ...rows('raw work', r, data),
      ...rows('bare Express', b),
      ...rows('raw work', r, undefined, { name: ', no page cache', t: u }),
    ];
  } finally {
    for (const s of sides) {
      s.agent.destroy();
      await close(s.server);
    }
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** A page with its CSP nonce blanked, to compare two renders of one page. */
const withoutNonce = (page: string) => page.replace(/nonce="[^"]*"/g, 'nonce=""');

/** Fresh magic links for `count` bench accounts spread over the whole range, as request paths. */
async function magicLinkPaths(db: Database, ctx: ServiceContext, count: number): Promise<string[]> {
  const all = await db.prisma.account.findMany({
    where: { name: { startsWith: 'Bench account ' } },
    orderBy: { name: 'asc' },
    select: { id: true },
  });
  if (all.length < count) throw new Error(`only ${all.length} bench accounts for ${count} portal links`);
  const step = all.length / count;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const link = await mintPortalLink(ctx, {
      accountId: all[Math.floor(i * step)]!.id,
      actor: 'bench',
      publicUrl: PUBLIC_URL,
    });
    out.push(new URL(link.url).pathname);
  }
  return out;
}

type Summary = ReturnType<typeof summarize>;

function summarize(results: LoadResult[]) {
  const seconds = results.reduce((a, r) => a + r.seconds, 0);
  const latencies = results.flatMap((r) => r.latenciesMs);
  const statuses: Record<string, number> = {};
  for (const r of results) for (const [k, v] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  return {
    seconds,
    requests: latencies.length,
    rps: latencies.length / seconds,
    latency: percentiles(latencies),
    statuses,
  };
}

function listen(app: Express): Promise<http.Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
    server.once('error', reject);
  });
}

const port = (server: http.Server) => (server.address() as AddressInfo).port;

function close(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
