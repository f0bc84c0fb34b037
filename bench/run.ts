/**
 * `npm run bench`: every benchmark, a table on stdout and bench/results.json. No pass/fail on times: these
 * machines are shared, so each figure stands beside a baseline measured in the same run.
 * Embedded PGlite always; PostgreSQL too when DATABASE_URL is set. BENCH_ACCOUNTS (default 10000) and
 * BENCH_RUNS (default 200) scale it down for a quick look.
 */
import os from 'node:os';
import { openDatabase, type Database } from '../src/db/client';
import { benchFoundation } from './foundation';
import { printTable, writeResults, type BenchRow } from './lib/report';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);

async function onDatabase(label: string, open: () => Promise<Database>): Promise<BenchRow[]> {
  console.error(`bench: ${label}: ${ACCOUNTS} accounts, ${RUNS} runs per query…`);
  const db = await open();
  try {
    return await benchFoundation(db, { accounts: ACCOUNTS, runs: RUNS });
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
  const file = await writeResults(rows, { at: new Date().toISOString(), node: process.version, cpus: os.cpus().length, accounts: ACCOUNTS, runs: RUNS });
  console.error(`bench: results written to ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
