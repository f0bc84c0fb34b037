/**
 * Analytics benchmark: a leader's whole analytics view (getAnalytics: the role check, the filters resolved, the eight
 * aggregates, each section's chart link and CSV request signed) over `accounts` accounts with a year of history,
 * beside the same eight aggregate statements sent through the driver in the same run (the ratio is Thread's
 * overhead over the raw SQL). Also the first section alone (what App Home shows before the others are computed)
 * and one chart rendered to PNG.
 *
 * Setup: the organisation, its people and the demo template through the services; the history (accounts, their
 * five milestones, an action per milestone, blocks, the slip ledger) inserted with SQL in a few statements, as the
 * other suites seed their volume, so ten thousand accounts take seconds rather than the hours of replaying a year.
 * A database of its own: embedded PGlite in memory, or a fresh database on DATABASE_URL's server.
 */
import { createVegaChartRenderer } from '../src/connectors/charts/vega-chart-renderer';
import { ANALYTICS_SECTIONS } from '../src/domain/analytics';
import { chartSpec } from '../src/domain/analytics-charts';
import { openDatabase, type Database } from '../src/db/client';
import { silentLogger } from '../src/lib/logger';
import { aggregateSql } from '../src/services/analytics/aggregate-sql';
import { resolveAnalyticsScope } from '../src/services/analytics/analytics-scope';
import { getAnalytics } from '../src/services/analytics/get-analytics';
import { getAnalyticsSection } from '../src/services/analytics/get-analytics-section';
import type { ServiceContext } from '../src/services/context';
import { addPerson } from '../src/services/people/add-person';
import { seedDemo } from '../src/services/seed/seed-demo';
import { createFreshPostgresDatabase, type FreshDatabase } from './lib/fresh-postgres-database';
import type { BenchRow } from './lib/report';
import { compare, ms, percentiles, sample } from './lib/stats';

/** The moment the analytics are read: the history is the year before it. */
const NOW = new Date('2026-11-24T18:00:00Z');
const CSMS = 12;
const PERIOD = '12m';

export interface AnalyticsBenchOptions {
  accounts: number;
  runs: number;
  database: { kind: 'pglite' } | { kind: 'postgresql'; serverUrl: string };
}

export async function benchAnalytics(options: AnalyticsBenchOptions): Promise<BenchRow[]> {
  const label = options.database.kind === 'pglite' ? 'embedded PGlite' : 'PostgreSQL';
  let fresh: FreshDatabase | undefined;
  if (options.database.kind === 'postgresql')
    fresh = await createFreshPostgresDatabase(options.database.serverUrl, 'thread_bench_analytics');
  const db = await openDatabase({ databaseUrl: fresh?.url, dataDir: 'memory://', migrate: true });
  try {
    return await measure(db, options, label);
  } finally {
    await db.close();
    await fresh?.drop();
  }
}

async function measure(db: Database, options: AnalyticsBenchOptions, label: string): Promise<BenchRow[]> {
  const ctx: ServiceContext = { prisma: db.prisma, now: () => NOW, logger: silentLogger };
  console.error(
    `bench: ${label}: analytics: seeding ${options.accounts.toLocaleString('en-US')} accounts with a year of history…`,
  );
  const seeded = await seedHistory(db, ctx, options.accounts);
  const counts = await db.pool.query<Record<string, string>>(`
    SELECT (SELECT count(*) FROM "Account") AS accounts, (SELECT count(*) FROM "Milestone") AS milestones,
      (SELECT count(*) FROM "Action") AS actions, (SELECT count(*) FROM "MilestoneBlock") AS blocks,
      (SELECT count(*) FROM "SlipDay") AS "slipDays"`);
  const sizes = Object.fromEntries(Object.entries(counts.rows[0]!).map(([k, v]) => [k, Number(v)]));
  console.error(`bench: ${label}: analytics: ${JSON.stringify(sizes)}; measuring ${options.runs} runs…`);

  const links = { secret: Buffer.alloc(32, 1), publicUrl: 'https://thread.bench' };
  const actor = { userId: seeded.leadUserId };
  const organizationId = seeded.organizationId;
  const scope = await resolveAnalyticsScope(db.prisma, organizationId, { period: PERIOD }, NOW);
  const statements = ANALYTICS_SECTIONS.map((id) => aggregateSql(id, scope));

  const whole = await compare(
    () => getAnalytics(ctx, links, { organizationId, actor, filters: { period: PERIOD } }),
    async () => {
      for (const s of statements) await db.pool.query(s.text, s.values);
    },
    options.runs,
  );
  const firstId = ANALYTICS_SECTIONS[0];
  const first = await compare(
    () => getAnalyticsSection(ctx, links, { organizationId, actor, section: firstId, filters: { period: PERIOD } }),
    () => db.pool.query(statements[0]!.text, statements[0]!.values),
    options.runs,
  );
  // One chart as Slack fetches it: the PNG of the first section, rendered from its spec.
  const view = await getAnalyticsSection(ctx, links, {
    organizationId,
    actor,
    section: firstId,
    filters: { period: PERIOD },
  });
  const spec = chartSpec(view.section, view.periodLabel);
  const renderer = createVegaChartRenderer();
  const render = spec ? percentiles(await sample(() => renderer.render(spec), Math.min(options.runs, 30), 3)) : null;

  const name = `${options.accounts.toLocaleString('en-US')} accounts, a year of history, ${PERIOD}`;
  const rows: BenchRow[] = [];
  for (const [kase, r] of [
    [`analytics view, 8 sections (${name})`, whole],
    [`first section alone, what App Home shows first (${name})`, first],
  ] as const) {
    rows.push({
      suite: 'analytics',
      case: kase,
      database: db.kind,
      metric: 'p50',
      value: ms(r.subject.p50),
      baseline: ms(r.baseline.p50),
      ratio: r.ratioP50,
      data: { ...r, sizes },
    });
    rows.push({
      suite: 'analytics',
      case: kase,
      database: db.kind,
      metric: 'p95',
      value: ms(r.subject.p95),
      baseline: ms(r.baseline.p95),
      ratio: r.ratioP95,
    });
  }
  if (render)
    rows.push({
      suite: 'analytics',
      case: 'one chart rendered to PNG (1280 × 640)',
      database: db.kind,
      metric: 'p50',
      value: ms(render.p50),
      data: { render },
    });
  return rows;
}

/**
 * The organisation, a CS leader and the CSMs through the services; then the year in SQL. Account i kicked off
 * (i × 7919 mod 365) days before NOW; those that started more than 45 days ago are mostly live (55%), otherwise
 * onboarding (30%), at risk (5%) or churned (10%); every milestone, action, block and slipped day follows from i.
 */
async function seedHistory(
  db: Database,
  ctx: ServiceContext,
  accounts: number,
): Promise<{ organizationId: string; leadUserId: string }> {
  const { organizationId, templateName } = await seedDemo(ctx);
  const lead = await addPerson(ctx, {
    organizationId,
    actor: 'cli',
    slackUserId: 'UBENCHLEAD',
    role: 'lead',
    name: 'Bench Leader',
  });
  const csmIds: string[] = [];
  for (let c = 0; c < CSMS; c++) {
    const added = await addPerson(ctx, {
      organizationId,
      actor: 'cli',
      slackUserId: `UBENCHCSM${String(c).padStart(2, '0')}`,
      role: 'csm',
      name: `Bench CSM ${c + 1}`,
    });
    csmIds.push(added.userId);
  }
  const template = await db.prisma.template.findFirstOrThrow({
    where: { organizationId, name: templateName },
    select: { id: true, milestones: { orderBy: { position: 'asc' }, select: { name: true, plannedDays: true } } },
  });
  const names = template.milestones.map((m) => m.name);
  const planned = template.milestones.map((m) => m.plannedDays);
  const now = NOW.toISOString();

  // d: days before NOW it kicked off; fate: 0 live, 1 onboarding, 2 at risk, 3 churned; cur: the current milestone.
  const base = `
    WITH a AS (
      SELECT i, (i * 7919) % 365 AS d,
        CASE WHEN (i * 7919) % 365 < 45 THEN 1
             WHEN i % 20 < 11 THEN 0 WHEN i % 20 < 17 THEN 1 WHEN i % 20 = 17 THEN 2 ELSE 3 END AS fate,
        i % 5 AS cur
      FROM generate_series(1, $1::int) AS i
    )`;
  await db.pool.query(
    `${base}
    INSERT INTO "Account" ("id", "organizationId", "name", "status", "arr", "csmId", "templateId", "templateVersion",
      "kickoffDate", "goLiveActualDate", "completedAt", "timeToValueDays", "daysBehind", "progressPct", "churnedAt",
      "churnReason", "slipRefreshedAt", "updatedAt")
    SELECT 'bacc_' || i, $2, 'History account ' || lpad(i::text, 5, '0'),
      (CASE fate WHEN 0 THEN 'completed' WHEN 1 THEN 'active' WHEN 2 THEN 'at_risk' ELSE 'churned' END)::"AccountStatus",
      10000 + (i * 7919) % 490000, ($3::text[])[1 + i % ${CSMS}], $4, 1,
      (DATE '2026-11-24' - d),
      CASE WHEN fate = 0 THEN DATE '2026-11-24' - d + (28 + (i * 13) % 40) END,
      CASE WHEN fate = 0 THEN (DATE '2026-11-24' - d + (28 + (i * 13) % 40))::timestamp + interval '15 hours' END,
      CASE WHEN fate = 0 THEN 20 + ((i * 13) % 40) * 5 / 7 END,
      CASE WHEN fate IN (1, 2) THEN (i * 11) % 15 WHEN fate = 0 THEN i % 9 ELSE 0 END,
      CASE fate WHEN 0 THEN 100 WHEN 3 THEN 40 ELSE cur * 20 END,
      CASE WHEN fate = 3 THEN $5::timestamp - (d / 2) * interval '1 day' END,
      CASE WHEN fate = 3 THEN 'Budget cut' END,
      $5::timestamp, $5::timestamp
    FROM a`,
    [accounts, organizationId, csmIds, template.id, now],
  );
  // Milestone p of a live account is done; of an open one, done before cur, cur in progress (some blocked), pending
  // after; a churned account finished two. Milestone p starts 9 calendar days per position after kickoff.
  await db.pool.query(
    `${base}
    INSERT INTO "Milestone" ("id", "accountId", "position", "name", "status", "plannedDays", "plannedStartDate",
      "plannedEndDate", "startedAt", "completedAt", "blockedAt", "blockerNote", "blockCause", "actualDays", "updatedAt")
    SELECT 'bms_' || i || '_' || p, 'bacc_' || i, p, ($2::text[])[p + 1],
      (CASE WHEN fate = 0 OR (fate IN (1, 2) AND p < cur) OR (fate = 3 AND p < 2) THEN 'completed'
            WHEN fate IN (1, 2) AND p = cur AND i % 23 = 0 THEN 'blocked'
            WHEN fate IN (1, 2) AND p = cur THEN 'in_progress' ELSE 'pending' END)::"MilestoneStatus",
      ($3::int[])[p + 1],
      DATE '2026-11-24' - d + p * 9, DATE '2026-11-24' - d + p * 9 + 8,
      CASE WHEN fate = 0 OR p <= cur OR (fate = 3 AND p <= 2)
        THEN (DATE '2026-11-24' - d + p * 9)::timestamp + interval '9 hours' END,
      CASE WHEN fate = 0 OR (fate IN (1, 2) AND p < cur) OR (fate = 3 AND p < 2)
        THEN (DATE '2026-11-24' - d + p * 9 + 7 + (i + p) % 5)::timestamp + interval '15 hours' END,
      CASE WHEN fate IN (1, 2) AND p = cur AND i % 23 = 0 THEN $4::timestamp - interval '2 days' END,
      CASE WHEN fate IN (1, 2) AND p = cur AND i % 23 = 0 THEN 'Waiting on the security review' END,
      CASE WHEN fate IN (1, 2) AND p = cur AND i % 23 = 0 THEN 'customer'::"SlipSide" END,
      CASE WHEN fate = 0 OR (fate IN (1, 2) AND p < cur) OR (fate = 3 AND p < 2)
        THEN ($3::int[])[p + 1] + (i + p) % 4 - 1 END,
      $4::timestamp
    FROM a CROSS JOIN generate_series(0, 4) AS p`,
    [accounts, names, planned, now],
  );
  // One customer email per milestone: completed before the current one, a draft waiting (often past due) on it.
  await db.pool.query(
    `${base}
    INSERT INTO "Action" ("id", "accountId", "milestoneId", "position", "key", "name", "type", "status", "triggerKind",
      "dueAt", "firedAt", "executedAt", "completedAt", "updatedAt")
    SELECT 'bact_' || i || '_' || p, 'bacc_' || i, 'bms_' || i || '_' || p, p, 'step-' || p, 'Step ' || p,
      'email'::"ActionType",
      (CASE WHEN fate = 0 OR p < cur OR (fate = 3 AND p < 2) THEN 'completed'
            WHEN fate IN (1, 2) AND p = cur THEN 'ready' ELSE 'pending' END)::"ActionStatus",
      'milestone_start'::"TriggerKind",
      CASE WHEN fate IN (1, 2) AND p = cur THEN $2::timestamp - (i % 3) * interval '1 day' + interval '1 hour' END,
      CASE WHEN fate = 0 OR p <= cur THEN (DATE '2026-11-24' - d + p * 9)::timestamp + interval '10 hours' END,
      CASE WHEN fate = 0 OR p < cur THEN (DATE '2026-11-24' - d + p * 9)::timestamp + interval '11 hours' END,
      CASE WHEN fate = 0 OR p < cur THEN (DATE '2026-11-24' - d + p * 9 + 2)::timestamp + interval '11 hours' END,
      $2::timestamp
    FROM a CROSS JOIN generate_series(0, 4) AS p`,
    [accounts, now],
  );
  // Two accounts in five had their second milestone blocked for a few days, by whoever i names.
  await db.pool.query(
    `${base}
    INSERT INTO "MilestoneBlock" ("id", "organizationId", "accountId", "milestoneId", "cause", "note", "startedAt",
      "endedAt", "startedBy")
    SELECT 'bblk_' || i, $2, 'bacc_' || i, 'bms_' || i || '_1',
      (ARRAY['customer', 'us', 'third_party'])[1 + i % 3]::"SlipSide", 'Blocked',
      (DATE '2026-11-24' - d + 10)::timestamp + interval '10 hours',
      CASE WHEN d < 12 THEN NULL ELSE (DATE '2026-11-24' - d + 11 + i % 6)::timestamp + interval '16 hours' END,
      'system'
    FROM a WHERE i % 5 IN (1, 2) AND d >= 10`,
    [accounts, organizationId],
  );
  // The slip ledger: daysBehind dates per account, on its second milestone, sides in turn.
  await db.pool.query(
    `INSERT INTO "SlipDay" ("accountId", "organizationId", "date", "side", "milestoneId", "reason", "templateId")
    SELECT acc."id", acc."organizationId", acc."kickoffDate" + 14 + k,
      (ARRAY['customer', 'us', 'third_party', 'customer'])[1 + (k + length(acc."id")) % 4]::"SlipSide",
      replace(acc."id", 'bacc_', 'bms_') || '_1', 'waiting', acc."templateId"
    FROM "Account" acc CROSS JOIN LATERAL generate_series(1, acc."daysBehind") AS k
    WHERE acc."organizationId" = $1 AND acc."daysBehind" > 0`,
    [organizationId],
  );
  await db.pool.query('ANALYZE');
  return { organizationId, leadUserId: lead.userId };
}
