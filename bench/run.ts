/**
 * `npm run bench`: every benchmark, a table on stdout and bench/results.json. No pass/fail on times: these
 * machines are shared, so each figure stands beside a baseline measured in the same run.
 * Embedded PGlite always; PostgreSQL too when DATABASE_URL is set. BENCH_ACCOUNTS (default 10000) and
 * BENCH_RUNS (default 200) scale it down for a quick look; the later suites scale with them unless told
 * otherwise: BENCH_BATCH (emails per executeBatch, default 500, at most 500), BENCH_SCHEDULER_ACTIONS (Action
 * rows for the tick, default 25 per bench account: 250,000), BENCH_DUE (due actions in the tick, default 1000),
 * BENCH_PORTAL_REQUESTS (default 10 × BENCH_RUNS: 2,000), BENCH_PORTAL_CONCURRENCY (default 16),
 * BENCH_HUBSPOT_DEALS (closed-won webhooks timed to the AE's DM, default 2 × BENCH_RUNS up to 40) and
 * BENCH_HUBSPOT_CONCURRENCY (deliveries in flight, default 4).
 * BENCH_ONLY runs some suites, named with commas: foundation, slack, execution, portal, scheduler, drafts, hubspot, analytics
 * (e.g. BENCH_ONLY=hubspot). analytics (BENCH_ANALYTICS_RUNS, default 30 or BENCH_RUNS if fewer) seeds BENCH_ACCOUNTS
 * accounts with a year of history into a database of its own and times a leader's analytics beside the raw SQL.
 * drafts (BENCH_DRAFTS AI drafts, default 120, against a fake Messages API answering in BENCH_AI_LATENCY_MS, default
 * 500, with the pool at 4 and at 16 at once) measures the AI draft pool's throughput.
 * slack, execution, portal, scheduler and drafts measure on the data the foundation leaves, so the
 * foundation runs whenever one of them does; hubspot starts Thread whole on a database of its own (a temporary
 * data directory for PGlite, a fresh database on DATABASE_URL's server for PostgreSQL).
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { openDatabase, type Database } from '../src/db/client';
import { benchAnalytics } from './analytics';
import { benchDrafts } from './drafts';
import { benchExecution } from './execution';
import { benchFoundation } from './foundation';
import { benchHubSpot, type HubSpotBenchOptions } from './hubspot';
import { intFromEnv } from './lib/env';
import { benchPortal } from './portal';
import { benchScheduler } from './scheduler';
import { benchSlack } from './slack';
import { profiled } from './lib/cpu-profile';
import { printTable, writeResults, type BenchRow } from './lib/report';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const BATCH = intFromEnv('BENCH_BATCH', Math.min(500, ACCOUNTS));
const SCHEDULER_ACTIONS = intFromEnv('BENCH_SCHEDULER_ACTIONS', ACCOUNTS * 25);
const DUE = intFromEnv('BENCH_DUE', 1000);
const PORTAL_REQUESTS = intFromEnv('BENCH_PORTAL_REQUESTS', RUNS * 10);
const PORTAL_CONCURRENCY = intFromEnv('BENCH_PORTAL_CONCURRENCY', 16);
// Each deal waits on HubSpot's own rate limit (about 800 ms of its calls), so forty give the latencies in half a minute.
const HUBSPOT_DEALS = intFromEnv('BENCH_HUBSPOT_DEALS', Math.min(40, RUNS * 2));
const HUBSPOT_CONCURRENCY = intFromEnv('BENCH_HUBSPOT_CONCURRENCY', 4);
const ANALYTICS_RUNS = intFromEnv('BENCH_ANALYTICS_RUNS', Math.min(RUNS, 30));
const DRAFTS = intFromEnv('BENCH_DRAFTS', 120);
const AI_LATENCY_MS = intFromEnv('BENCH_AI_LATENCY_MS', 500);

const SUITES = ['foundation', 'slack', 'execution', 'portal', 'scheduler', 'drafts', 'hubspot', 'analytics'] as const;
type Suite = (typeof SUITES)[number];
const ONLY = suitesFromEnv();
/** The suites that measure on the shared database the foundation fills. */
const ON_FOUNDATION: Suite[] = ['foundation', 'slack', 'execution', 'portal', 'scheduler', 'drafts'];

function suitesFromEnv(): Set<Suite> {
  const raw = process.env.BENCH_ONLY?.trim();
  if (!raw) return new Set(SUITES);
  const names = raw.split(',').map((n) => n.trim().toLowerCase());
  const unknown = names.filter((n) => !(SUITES as readonly string[]).includes(n));
  if (unknown.length > 0)
    throw new Error(`BENCH_ONLY names no suite "${unknown.join('", "')}": choose from ${SUITES.join(', ')}`);
  return new Set(names as Suite[]);
}

const selected = (suite: Suite) => ONLY.has(suite);
const PROFILE_DIR = process.env.BENCH_PROFILE?.trim() || undefined;
/** Runs one suite, recorded as a CPU profile of its own when BENCH_PROFILE names a directory. */
const suite = <T>(name: Suite, label: string, work: () => Promise<T>) =>
  profiled(PROFILE_DIR, `${name}-${label}`, work);

async function onDatabase(
  label: string,
  open: () => Promise<Database>,
  threadDatabase: HubSpotBenchOptions['database'],
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  if (ON_FOUNDATION.some(selected)) rows.push(...(await onSharedDatabase(label, open)));
  // After the shared database is closed: Thread opens a database of its own, and should not share memory with that one.
  if (selected('hubspot')) {
    console.error(
      `bench: ${label}: HubSpot webhook to the AE's DM, ${HUBSPOT_DEALS} deals, ${HUBSPOT_CONCURRENCY} concurrent…`,
    );
    rows.push(
      ...(await suite('hubspot', label, () =>
        benchHubSpot({ deals: HUBSPOT_DEALS, concurrency: HUBSPOT_CONCURRENCY, database: threadDatabase }),
      )),
    );
  }
  // Analytics seeds a year of history into a database of its own (its accounts are not the foundation's).
  if (selected('analytics')) {
    console.error(
      `bench: ${label}: analytics over ${ACCOUNTS} accounts with a year of history, ${ANALYTICS_RUNS} runs…`,
    );
    rows.push(
      ...(await suite('analytics', label, () =>
        benchAnalytics({ accounts: ACCOUNTS, runs: ANALYTICS_RUNS, database: threadDatabase }),
      )),
    );
  }
  return rows;
}

async function onSharedDatabase(label: string, open: () => Promise<Database>): Promise<BenchRow[]> {
  console.error(`bench: ${label}: ${ACCOUNTS} accounts, ${RUNS} runs per query…`);
  const db = await open();
  try {
    // One database for these suites, in this order: the foundation leaves ACCOUNTS accounts; the execution batch
    // sends some of their emails; the portal is measured with exactly those accounts; the scheduler then adds
    // accounts up to its action count.
    const foundation = await suite('foundation', label, () => benchFoundation(db, { accounts: ACCOUNTS, runs: RUNS }));
    const rows = selected('foundation') ? foundation : [];
    if (selected('slack')) {
      console.error(`bench: ${label}: Slack acknowledgements under load…`);
      rows.push(
        ...(await suite('slack', label, () => benchSlack(db, { requests: Math.min(400, RUNS * 2), concurrency: 20 }))),
      );
    }
    if (selected('execution')) {
      console.error(`bench: ${label}: executeBatch of ${BATCH} emails…`);
      rows.push(...(await suite('execution', label, () => benchExecution(db, { batch: BATCH }))));
    }
    if (selected('portal')) {
      console.error(`bench: ${label}: portal pages, ${PORTAL_REQUESTS} requests, ${PORTAL_CONCURRENCY} concurrent…`);
      rows.push(
        ...(await suite('portal', label, () =>
          benchPortal(db, { requests: PORTAL_REQUESTS, concurrency: PORTAL_CONCURRENCY }),
        )),
      );
    }
    if (selected('scheduler')) {
      console.error(`bench: ${label}: one scheduler tick, ${DUE} due of ${SCHEDULER_ACTIONS} actions…`);
      rows.push(
        ...(await suite('scheduler', label, () =>
          benchScheduler(db, { actions: SCHEDULER_ACTIONS, due: DUE, runs: RUNS, firstAccountIndex: ACCOUNTS }),
        )),
      );
    }
    if (selected('drafts')) {
      console.error(`bench: ${label}: AI draft pool, ${DRAFTS} drafts, model ${AI_LATENCY_MS} ms…`);
      rows.push(...(await benchDrafts(db, { drafts: DRAFTS, concurrencies: [4, 16], latencyMs: AI_LATENCY_MS })));
    }
    return rows;
  } finally {
    await db.close();
  }
}

/** The commit measured, marked when the tree had changes on top of it. */
function gitCommit(): string | null {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: __dirname, encoding: 'utf8' }).trim();
    return `${git('rev-parse', 'HEAD')}${git('status', '--porcelain', '--untracked-files=no') ? '+changes' : ''}`;
  } catch {
    return null; // not a git checkout (a copied tree): the results still stand, without their commit
  }
}

const startedAt = performance.now();

async function main(): Promise<void> {
  const rows: BenchRow[] = [];
  rows.push(
    ...(await onDatabase('embedded PGlite', () => openDatabase({ dataDir: 'memory://', migrate: true }), {
      kind: 'pglite',
    })),
  );
  const url = process.env.DATABASE_URL;
  if (url) {
    rows.push(
      ...(await onDatabase(
        'PostgreSQL',
        async () => {
          const db = await openDatabase({ databaseUrl: url, dataDir: 'memory://', migrate: true });
          // Start from empty tables so both databases measure the same data.
          await db.pool.query(`TRUNCATE "Organization" CASCADE`);
          return db;
        },
        { kind: 'postgresql', serverUrl: url },
      )),
    );
  }
  printTable(rows);
  const file = await writeResults(rows, {
    at: new Date().toISOString(),
    commit: gitCommit(),
    seconds: Math.round((performance.now() - startedAt) / 1000),
    node: process.version,
    cpus: os.cpus().length,
    accounts: ACCOUNTS,
    runs: RUNS,
    batch: BATCH,
    schedulerActions: SCHEDULER_ACTIONS,
    due: DUE,
    portalRequests: PORTAL_REQUESTS,
    portalConcurrency: PORTAL_CONCURRENCY,
    hubspotDeals: HUBSPOT_DEALS,
    hubspotConcurrency: HUBSPOT_CONCURRENCY,
    analyticsRuns: ANALYTICS_RUNS,
    drafts: DRAFTS,
    aiLatencyMs: AI_LATENCY_MS,
    suites: [...ONLY],
  });
  console.error(`bench: results written to ${file} (${Math.round((performance.now() - startedAt) / 1000)} s in all)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
