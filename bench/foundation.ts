/**
 * Foundation benchmarks: instantiating accounts from the demo template, and the two hot queries (due actions;
 * the filtered, sorted account list) through Thread's Prisma path beside the same SQL sent by the driver.
 */
import type { Database } from '../src/db/client';
import { silentLogger } from '../src/lib/logger';
import { createAccount } from '../src/services/accounts/create-account';
import { listAccounts } from '../src/services/accounts/list-accounts';
import type { ServiceContext } from '../src/services/context';
import { seedDemo } from '../src/services/seed/seed-demo';
import { compare, ms } from './lib/stats';
import { progress } from './lib/progress';
import type { BenchRow } from './lib/report';

const DUE_SQL = `SELECT "id", "accountId", "dueAt" FROM "Action" WHERE "status" = 'pending'::"ActionStatus" AND "dueAt" <= $1 ORDER BY "dueAt" ASC LIMIT 100`;
const ACCOUNTS_SQL = `
  SELECT a."id", a."name", a."status", a."arr", a."nextActionAt", a."progressPct", u."name" AS "csmName", m."name" AS "milestone", m."status" AS "milestoneStatus"
  FROM "Account" a
  LEFT JOIN "User" u ON u."id" = a."csmId"
  LEFT JOIN LATERAL (
    SELECT "name", "status" FROM "Milestone" WHERE "accountId" = a."id" AND "status" IN ('in_progress', 'blocked') ORDER BY "position" LIMIT 1
  ) m ON true
  WHERE a."organizationId" = $1 AND a."status" = 'active'::"AccountStatus"
  ORDER BY a."nextActionAt" ASC NULLS LAST, a."name" ASC
  LIMIT 25`;

export async function benchFoundation(db: Database, options: { accounts: number; runs: number }): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  // The database is open and migrated: what the accounts add is measured from here.
  const rssBefore = process.memoryUsage().rss;
  const now = new Date('2026-03-02T10:00:00Z');
  const ctx: ServiceContext = { prisma: db.prisma, now: () => now, logger: silentLogger };
  const { organizationId, templateName } = await seedDemo(ctx);

  // Instantiation through the real service: one transaction per account, as `accounts create` does it.
  const before = await db.prisma.action.count();
  const start = process.hrtime.bigint();
  const seeding = progress('creating accounts', options.accounts, 'accounts');
  for (let i = 0; i < options.accounts; i++) {
    const day = 2 + (i % 20);
    await createAccount(ctx, {
      organizationId,
      name: `Bench account ${String(i).padStart(5, '0')}`,
      templateName,
      arr: 10_000 + ((i * 7919) % 490_000),
      csmSlackUserId: `U0CSM${String(i % 12).padStart(4, '0')}`,
      contact: { email: `contact${i}@bench-customer${i}.io` },
      kickoffDate: `2026-03-${String(day).padStart(2, '0')}`,
      actor: 'cli',
    });
    seeding.tick();
  }
  seeding.finish();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const actions = (await db.prisma.action.count()) - before;
  const milestones = options.accounts * 5;
  const insertedRows = options.accounts * 2 + milestones + actions; // accounts + contacts + milestones + actions
  rows.push({
    suite: 'foundation',
    case: `instantiate ${options.accounts.toLocaleString('en-US')} accounts (${actions.toLocaleString('en-US')} actions)`,
    database: db.kind,
    metric: 'rows/s',
    value: `${Math.round(insertedRows / seconds).toLocaleString('en-US')} rows/s`,
    data: { seconds, accounts: options.accounts, actions, insertedRows, accountsPerSecond: options.accounts / seconds },
  });

  await db.pool.query('ANALYZE');
  const dueAt = new Date('2026-03-20T00:00:00Z');
  const due = await compare(
    () =>
      db.prisma.action.findMany({
        where: { status: 'pending', dueAt: { lte: dueAt } },
        orderBy: { dueAt: 'asc' },
        take: 100,
        select: { id: true, accountId: true, dueAt: true },
      }),
    () => db.pool.query(DUE_SQL, [dueAt]),
    options.runs,
  );
  rows.push({
    suite: 'foundation',
    case: 'due-actions query (100 oldest due)',
    database: db.kind,
    metric: 'p50',
    value: ms(due.subject.p50),
    baseline: ms(due.baseline.p50),
    ratio: due.ratioP50,
    data: due,
  });
  rows.push({
    suite: 'foundation',
    case: 'due-actions query (100 oldest due)',
    database: db.kind,
    metric: 'p95',
    value: ms(due.subject.p95),
    baseline: ms(due.baseline.p95),
    ratio: due.ratioP95,
  });

  const list = await compare(
    () => listAccounts(ctx, { organizationId, status: 'active', sort: 'next', limit: 25 }),
    () => db.pool.query(ACCOUNTS_SQL, [organizationId]),
    options.runs,
  );
  rows.push({
    suite: 'foundation',
    case: 'accounts list (active, by next action, 25)',
    database: db.kind,
    metric: 'p50',
    value: ms(list.subject.p50),
    baseline: ms(list.baseline.p50),
    ratio: list.ratioP50,
    data: list,
  });
  rows.push({
    suite: 'foundation',
    case: 'accounts list (active, by next action, 25)',
    database: db.kind,
    metric: 'p95',
    value: ms(list.subject.p95),
    baseline: ms(list.baseline.p95),
    ratio: list.ratioP95,
  });

  const plan = await db.pool.query(`EXPLAIN ${DUE_SQL}`, [dueAt]);
  const planLines = plan.rows.map((r: Record<string, string>) => String(Object.values(r)[0]).trim());
  const scan = planLines.find((l) => /Scan/.test(l)) ?? planLines[0] ?? '';
  rows.push({
    suite: 'foundation',
    case: 'due-actions query plan',
    database: db.kind,
    metric: 'plan',
    value: scan.replace(/\s+\(cost=.*$/, '').replace(/^->\s*/, ''),
    data: { plan: planLines },
  });

  // With the accounts made and read: the process's resident memory (with PGlite it holds the database too).
  const memory = process.memoryUsage();
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  rows.push({
    suite: 'foundation',
    case: `memory after loading ${options.accounts.toLocaleString('en-US')} accounts${db.kind === 'embedded' ? ' (database in process)' : ''}`,
    database: db.kind,
    metric: 'RSS',
    value: `${mb(memory.rss)} MB (${mb(memory.rss - rssBefore)} MB more than with the database just opened)`,
    data: {
      rssMb: mb(memory.rss),
      rssBeforeAccountsMb: mb(rssBefore),
      heapUsedMb: mb(memory.heapUsed),
      externalMb: mb(memory.external),
    },
  });
  return rows;
}
