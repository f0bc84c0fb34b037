/**
 * Portal benchmark: GET /portal/<token> through the real Express app (createHttpApp + createPortalRouter, as
 * start-thread.ts mounts them: helmet and CSP, token lookup, visit counting, the page query, server-side HTML) on
 * 127.0.0.1, under bounded concurrent load with keep-alive, beside a bare Express handler that returns a string
 * of the same size (the very HTML the portal answered) on the same machine in the same run.
 *
 * The links are real magic links made by createPortalLink, one per worker, so the failure limiter (which only
 * counts unknown, expired or revoked links) never comes into play; the bench fails if any answer is not 200.
 * Subject and baseline run in alternating rounds so that load from elsewhere on the machine falls on both.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express, { type Express } from 'express';
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

const PUBLIC_URL = 'http://127.0.0.1:3000';
const ROUNDS = 4;

export async function benchPortal(
  db: Database,
  options: { requests: number; concurrency: number },
): Promise<BenchRow[]> {
  const now = new Date('2026-03-10T10:00:00Z');
  const ctx: ServiceContext = { prisma: db.prisma, now: () => now, logger: silentLogger };
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'thread-bench-portal-'));
  const accounts = await db.prisma.account.count({ where: { name: { startsWith: 'Bench account ' } } });
  const paths = await magicLinkPaths(db, ctx, options.concurrency);

  const portal = createPortalRouter({
    ctx,
    storage: createFileStorage({ dataDir }),
    secret: portalSigningKey((await resolveEncryptionKey({ dataDir })).key),
    publicUrl: PUBLIC_URL,
    uploads: { maxBytes: 25 * 1024 * 1024, extensions: [...DEFAULT_PORTAL_UPLOAD_EXTENSIONS] },
  });
  const threadApp = createHttpApp({
    logger: silentLogger,
    routers: [{ path: '/portal', router: portal }],
    readiness: { checkDatabase: async () => void (await db.pool.query('SELECT 1')) },
  });
  const thread = await listen(threadApp);
  const threadAgent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  let bare: http.Server | undefined;
  const bareAgent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  try {
    // One page per link first: checks the links work and counts each contact's visit, so the measured requests
    // are ordinary page views (a visit is counted once per 30 minutes).
    let html = '';
    for (const p of paths) {
      const res = await get(threadAgent, port(thread), p);
      if (res.status !== 200) throw new Error(`portal page answered ${res.status} for a fresh magic link`);
      html = res.body.toString('utf8');
    }
    const bareApp = express();
    bareApp.disable('x-powered-by');
    bareApp.get('/portal/:token', (_req, res) => {
      res.type('html').send(html);
    });
    bare = await listen(bareApp);

    const perRound = Math.max(1, Math.ceil(options.requests / ROUNDS));
    const subject: LoadResult[] = [];
    const baseline: LoadResult[] = [];
    const load = (server: http.Server, agent: http.Agent, requests: number) =>
      runLoad({ agent, port: port(server), paths, requests, concurrency: options.concurrency });
    await load(thread, threadAgent, options.concurrency * 4); // warm-up, both sides
    await load(bare, bareAgent, options.concurrency * 4);
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which side goes first, so neither always runs right after the other.
      if (round % 2 === 0) {
        subject.push(await load(thread, threadAgent, perRound));
        baseline.push(await load(bare, bareAgent, perRound));
      } else {
        baseline.push(await load(bare, bareAgent, perRound));
        subject.push(await load(thread, threadAgent, perRound));
      }
    }
    const s = summarize(subject);
    const b = summarize(baseline);
    for (const [name, r] of [
      ['portal', s],
      ['bare Express', b],
    ] as const) {
      const bad = Object.entries(r.statuses).filter(([status]) => status !== '200');
      if (bad.length > 0) throw new Error(`${name} answered ${bad.map(([st, c]) => `${c}× ${st}`).join(', ')}`);
    }

    const label = `GET /portal/<token>, ${accounts.toLocaleString('en-US')} accounts, ${options.concurrency} concurrent, ${s.requests.toLocaleString('en-US')} req`;
    const data = {
      accounts,
      concurrency: options.concurrency,
      requests: s.requests,
      links: paths.length,
      pageBytes: Buffer.byteLength(html),
      rounds: ROUNDS,
      portal: { seconds: s.seconds, rps: s.rps, latency: s.latency },
      bareExpress: { seconds: b.seconds, rps: b.rps, latency: b.latency },
    };
    return [
      {
        suite: 'portal',
        case: label,
        database: db.kind,
        metric: 'req/s',
        value: `${s.rps.toFixed(0)} req/s`,
        baseline: `${b.rps.toFixed(0)} req/s`,
        ratio: b.rps / s.rps,
        data,
      },
      {
        suite: 'portal',
        case: label,
        database: db.kind,
        metric: 'p50',
        value: ms(s.latency.p50),
        baseline: ms(b.latency.p50),
        ratio: s.latency.p50 / b.latency.p50,
      },
      {
        suite: 'portal',
        case: label,
        database: db.kind,
        metric: 'p99',
        value: ms(s.latency.p99),
        baseline: ms(b.latency.p99),
        ratio: s.latency.p99 / b.latency.p99,
      },
    ];
  } finally {
    threadAgent.destroy();
    bareAgent.destroy();
    await close(thread);
    if (bare) await close(bare);
    await rm(dataDir, { recursive: true, force: true });
  }
}

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
