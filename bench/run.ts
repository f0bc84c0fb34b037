/**
 * `npm run bench`: every benchmark, a table on stdout and bench/results.json. No pass/fail on times: these
 * machines are shared, so each figure stands beside a baseline measured in the same run.
 * Embedded PGlite always; PostgreSQL too when DATABASE_URL is set. BENCH_ACCOUNTS (default 10000) and
 * BENCH_RUNS (default 200) scale it down for a quick look; the later suites scale with them unless told
 * otherwise: BENCH_BATCH (emails per executeBatch, default 500, at most 500), BENCH_SCHEDULER_ACTIONS (Action
 * rows for the tick, default 25 per bench account: 250,000), BENCH_DUE (due actions in the tick, default 1000),
 * BENCH_PORTAL_REQUESTS (default 10 × BENCH_RUNS: 2,000) and BENCH_PORTAL_CONCURRENCY (default 16).
 */
import os from 'node:os';
import { openDatabase, type Database } from '../src/db/client';
import { benchExecution } from './execution';
import { benchFoundation } from './foundation';
import { intFromEnv } from './lib/env';
import { benchPortal } from './portal';
import { benchScheduler } from './scheduler';
import { benchSlack } from './slack';
import { printTable, writeResults, type BenchRow } from './lib/report';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const BATCH = intFromEnv('BENCH_BATCH', Math.min(500, ACCOUNTS));
const SCHEDULER_ACTIONS = intFromEnv('BENCH_SCHEDULER_ACTIONS', ACCOUNTS * 25);
const DUE = intFromEnv('BENCH_DUE', 1000);
const PORTAL_REQUESTS = intFromEnv('BENCH_PORTAL_REQUESTS', RUNS * 10);
const PORTAL_CONCURRENCY = intFromEnv('BENCH_PORTAL_CONCURRENCY', 16);

async function onDatabase(label: string, open: () => Promise<Database>): Promise<BenchRow[]> {
  console.error(`bench: ${label}: ${ACCOUNTS} accounts, ${RUNS} runs per query…`);
  const db = await open();
  try {
    // One database for all suites, in this order: the foundation leaves ACCOUNTS accounts; the execution batch
    // sends some of their emails; the portal is measured with exactly those accounts; the scheduler then adds
    // accounts up to its action count.
    const rows = await benchFoundation(db, { accounts: ACCOUNTS, runs: RUNS });
    console.error(`bench: ${label}: Slack acknowledgements under load…`);
    rows.push(...(await benchSlack(db, { requests: Math.min(400, RUNS * 2), concurrency: 20 })));
    console.error(`bench: ${label}: executeBatch of ${BATCH} emails…`);
    rows.push(...(await benchExecution(db, { batch: BATCH })));
    console.error(`bench: ${label}: portal pages, ${PORTAL_REQUESTS} requests, ${PORTAL_CONCURRENCY} concurrent…`);
    rows.push(...(await benchPortal(db, { requests: PORTAL_REQUESTS, concurrency: PORTAL_CONCURRENCY })));
    console.error(`bench: ${label}: one scheduler tick, ${DUE} due of ${SCHEDULER_ACTIONS} actions…`);
    rows.push(
      ...(await benchScheduler(db, { actions: SCHEDULER_ACTIONS, due: DUE, runs: RUNS, firstAccountIndex: ACCOUNTS })),
    );
    return rows;
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  const rows: BenchRow[] = [];
  rows.push(...(await onDatabase('embedded PGlite', () => openDatabase({ dataDir: 'memory://', migrate: true }))));
  const url = process.env.DATABASE_URL;
  if (url) {
    rows.push(
      ...(await onDatabase('PostgreSQL', async () => {
        const db = await openDatabase({ databaseUrl: url, dataDir: 'memory://', migrate: true });
        // Start from empty tables so both databases measure the same data.
        await db.pool.query(`TRUNCATE "Organization" CASCADE`);
        return db;
      })),
    );
  }
  printTable(rows);
  const file = await writeResults(rows, {
    at: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    accounts: ACCOUNTS,
    runs: RUNS,
    batch: BATCH,
    schedulerActions: SCHEDULER_ACTIONS,
    due: DUE,
    portalRequests: PORTAL_REQUESTS,
    portalConcurrency: PORTAL_CONCURRENCY,
  });
  console.error(`bench: results written to ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
