/**
 * Scheduler benchmark: one scheduler tick (runTick, what the server's cron job runs under its lease) over a
 * database of `actions` actions of which exactly `due` are due, with the due query's plan (EXPLAIN ANALYZE of
 * the claim SQL exactly as Prisma sent it during the tick, captured at the driver) and, as the baseline, that
 * raw claim SQL alone through the pool, as many times as the tick ran batches.
 *
 * Setup: more accounts through createAccount until the Action table holds `actions` rows; then `due` pending,
 * non-manual, non-portal actions (those with a due time first; portal requests could be held by the throttle, which would make the count
 * fuzzy) get a due time just before the tick's clock, which is an hour before every other pending due time.
 * The tick drafts what it fires from the template as the server does with no ANTHROPIC_API_KEY (a batch at a time,
 * drafting/draft-fired-actions.ts); notifications go to the silent notifier with canNotify on, so every step of the
 * tick runs. It is the first tick of the bench's day, so it also rebuilds the slip ledgers of up to 500 accounts
 * (refresh-slip-ledgers.ts), as the first ticks after each local midnight do: that step is reported apart, and a
 * second tick, with the same actions due again and the ledgers already fresh, shows a tick of the rest of the day.
 */
import pg from 'pg';
import type { Database } from '../src/db/client';
import { Prisma } from '../src/db/generated/client';
import { createSmtpMailer } from '../src/connectors/email/smtp-mailer';
import { silentLogger } from '../src/lib/logger';
import { createAccount } from '../src/services/accounts/create-account';
import type { ServiceContext } from '../src/services/context';
import type { ExecutionDeps } from '../src/services/execution/ports';
import { silentNotifier } from '../src/services/notifications/notifier-port';
import { mintPortalLink } from '../src/services/portal/mint-portal-link';
import { fireDueActions } from '../src/services/scheduler/fire-due-actions';
import { runTick, type TickDeps } from '../src/services/scheduler/run-tick';
import { seedDemo } from '../src/services/seed/seed-demo';
import { momentBeforeEveryPendingAction } from './execution';
import { progress } from './lib/progress';
import { pickActionsToMakeDue } from './lib/pick-actions-to-make-due';
import type { BenchRow } from './lib/report';
import { startSmtpSink } from './lib/smtp-sink';
import { ms, percentiles, sample } from './lib/stats';

const PUBLIC_URL = 'http://127.0.0.1:3000';
/** The claim is the only statement of the tick that locks with SKIP LOCKED over "Action" ordered by due time. */
const isClaimSql = (text: string) => /FOR UPDATE OF a SKIP LOCKED/.test(text) && /ORDER BY a\."dueAt"/.test(text);

interface CapturedQuery {
  text: string;
  values: unknown[];
}

export async function benchScheduler(
  db: Database,
  options: { actions: number; due: number; runs: number; firstAccountIndex: number },
): Promise<BenchRow[]> {
  const setupCtx: ServiceContext = {
    prisma: db.prisma,
    now: () => new Date('2026-03-02T10:00:00Z'),
    logger: silentLogger,
  };
  const created = await growTo(db, setupCtx, options.actions, options.firstAccountIndex);
  const total = await db.prisma.action.count();

  const now = await momentBeforeEveryPendingAction(db);
  const ctx: ServiceContext = { prisma: db.prisma, now: () => now, logger: silentLogger };
  const dueIds = await makeDue(db, options.due, now);
  await db.pool.query('ANALYZE');

  const sink = await startSmtpSink();
  const mailer = createSmtpMailer({ url: sink.url, from: 'Thread <thread@bench.thread.local>' });
  try {
    const execDeps: ExecutionDeps = {
      mailer,
      notifier: silentNotifier,
      portalLinks: { create: (input) => mintPortalLink(ctx, { ...input, publicUrl: PUBLIC_URL }) },
    };
    const deps: TickDeps = {
      notifier: silentNotifier,
      canNotify: true,
      mailer,
      portalLinks: execDeps.portalLinks,
    };

    // The tick, with the claim SQL captured as the driver receives it.
    const captured: CapturedQuery[] = [];
    const report = await capturing(captured, async () => {
      const start = process.hrtime.bigint();
      const r = await runTick(ctx, deps);
      return { ...r, ms: Number(process.hrtime.bigint() - start) / 1e6 };
    });
    const fired = report.fire?.fired.length ?? 0;
    if (fired !== options.due || report.errors.length > 0 || (report.fire?.failures.length ?? 0) > 0) {
      throw new Error(
        `the tick fired ${fired} of ${options.due}; errors: ${JSON.stringify(report.errors)} ${JSON.stringify(report.fire?.failures.slice(0, 1))}`,
      );
    }
    const claim = captured[0];
    if (!claim) throw new Error('the claim SQL was not seen at the driver during the tick');
    const batches = report.fire?.batches ?? 0;
    const slipAccounts = report.slipLedgers?.refreshed.length ?? 0;

    // A later tick of the same day: the same actions due again (bench-only reset), the ledgers rebuilt today already
    // (as far as the first tick got through them).
    await resetToPending(db, dueIds);
    const laterStart = process.hrtime.bigint();
    const later = await runTick(ctx, deps);
    const laterMs = Number(process.hrtime.bigint() - laterStart) / 1e6;
    if ((later.fire?.fired.length ?? 0) !== options.due || later.errors.length > 0)
      throw new Error(`the later tick fired ${later.fire?.fired.length ?? 0}; errors: ${JSON.stringify(later.errors)}`);

    // The fire step alone, on the same due actions made pending again.
    await resetToPending(db, dueIds);
    const fireStart = process.hrtime.bigint();
    const fireOnly = await fireDueActions(ctx, { notifier: silentNotifier, portalLinkAtSend: true });
    const fireMs = Number(process.hrtime.bigint() - fireStart) / 1e6;
    if (fireOnly.fired.length !== options.due)
      throw new Error(`fire step alone fired ${fireOnly.fired.length} of ${options.due}`);

    // And once more without drafting, to split the claim work (lock, mark ready, audit) from the drafting.
    await resetToPending(db, dueIds);
    const bareStart = process.hrtime.bigint();
    const bareFire = await fireDueActions(ctx, { notifier: silentNotifier, draft: async () => {} });
    const bareFireMs = Number(process.hrtime.bigint() - bareStart) / 1e6;
    if (bareFire.fired.length !== options.due)
      throw new Error(`fire step without drafting fired ${bareFire.fired.length} of ${options.due}`);

    // Due again for the plan and the baseline, so the claim finds the same rows as in the tick.
    await resetToPending(db, dueIds);
    const plan = await db.pool.query(`EXPLAIN ANALYZE ${claim.text}`, claim.values);
    const planLines = plan.rows.map((r: Record<string, string>) => String(Object.values(r)[0]));
    const rawClaim = percentiles(await sample(() => db.pool.query(claim.text, claim.values), options.runs));
    const baselineMs = rawClaim.p50 * batches;

    console.error(
      `bench: scheduler: claim plan (EXPLAIN ANALYZE of the SQL the tick sent):\n${planLines.map((l) => `  ${l}`).join('\n')}`,
    );
    const index = planLines
      .map((l) => /Index(?: Only)? Scan (?:Backward )?using (\S+)/.exec(l)?.[1])
      .find((x) => x !== undefined);
    const scan = planLines.find((l) => /Scan/.test(l)) ?? planLines[0] ?? '';

    const label = `one tick: ${options.due.toLocaleString('en-US')} due of ${total.toLocaleString('en-US')} actions`;
    const data = {
      totalActions: total,
      accountsCreated: created,
      due: options.due,
      fired,
      batches,
      tickMs: report.ms,
      tickStepMs: report.stepMs,
      slipLedgersRefreshed: slipAccounts,
      laterTickMs: laterMs,
      laterTickStepMs: later.stepMs,
      laterTickSlipLedgersRefreshed: later.slipLedgers?.refreshed.length ?? 0,
      fireStepMs: fireMs,
      fireStepWithoutDraftingMs: bareFireMs,
      rawClaim,
      skipped: report.skipped,
      digests: report.digests?.sent.length ?? 0,
      atRiskSuggested: report.atRisk?.suggested.length ?? 0,
      claimSql: claim.text,
      plan: planLines,
    };
    return [
      {
        suite: 'scheduler',
        case: `${label} (fired, drafted)`,
        database: db.kind,
        metric: 'tick time',
        value: ms(report.ms),
        baseline: `${ms(baselineMs)} (raw claim ×${batches})`,
        ratio: report.ms / baselineMs,
        data,
      },
      {
        suite: 'scheduler',
        case: `${label}: its fire step (fired, drafted)`,
        database: db.kind,
        metric: 'time',
        value: ms(report.stepMs['fire due actions'] ?? Number.NaN),
        baseline: `${ms(baselineMs)} (raw claim ×${batches})`,
        ratio: (report.stepMs['fire due actions'] ?? Number.NaN) / baselineMs,
      },
      {
        suite: 'scheduler',
        case: `${label}: its slip-ledger step (${slipAccounts} accounts rebuilt, first ticks of a day)`,
        database: db.kind,
        metric: 'time',
        value: ms(report.stepMs['slip ledgers'] ?? Number.NaN),
      },
      {
        suite: 'scheduler',
        case: `${label}: a later tick (${later.slipLedgers?.refreshed.length ?? 0} ledgers left to rebuild)`,
        database: db.kind,
        metric: 'tick time',
        value: ms(laterMs),
        baseline: `${ms(baselineMs)} (raw claim ×${batches})`,
        ratio: laterMs / baselineMs,
      },
      {
        suite: 'scheduler',
        case: `${label}: fire-due-actions step alone`,
        database: db.kind,
        metric: 'time',
        value: ms(fireMs),
        baseline: `${ms(baselineMs)} (raw claim ×${batches})`,
        ratio: fireMs / baselineMs,
      },
      {
        suite: 'scheduler',
        case: `${label}: fire step, drafting skipped`,
        database: db.kind,
        metric: 'time',
        value: ms(bareFireMs),
        baseline: `${ms(baselineMs)} (raw claim ×${batches})`,
        ratio: bareFireMs / baselineMs,
      },
      {
        suite: 'scheduler',
        case: 'claim SQL (100 oldest due, SKIP LOCKED)',
        database: db.kind,
        metric: 'p50',
        value: ms(rawClaim.p50),
        baseline: 'raw, through the pool',
      },
      {
        suite: 'scheduler',
        case: 'claim SQL plan',
        database: db.kind,
        metric: 'plan',
        value: `${scan
          .trim()
          .replace(/\s+\(cost=.*$/, '')
          .replace(/^->\s*/, '')}${index ? ` [index ${index}]` : ' [no index]'}`,
        data: { plan: planLines },
      },
    ];
  } finally {
    mailer.close();
    await sink.close();
  }
}

/** Creates accounts from the demo template (the real service) until the Action table holds at least `target` rows. */
async function growTo(db: Database, ctx: ServiceContext, target: number, firstIndex: number): Promise<number> {
  const { organizationId, templateName } = await seedDemo(ctx);
  let count = await db.prisma.action.count();
  let created = 0;
  if (count >= target) return 0;
  console.error(
    `bench: scheduler: creating accounts to bring ${count.toLocaleString('en-US')} actions to ${target.toLocaleString('en-US')}…`,
  );
  const shown = progress('scheduler: creating accounts', target - count, 'actions');
  while (count < target) {
    const i = firstIndex + created;
    const account = await createAccount(ctx, {
      organizationId,
      name: `Bench account ${String(i).padStart(5, '0')}`,
      templateName,
      arr: 10_000 + ((i * 7919) % 490_000),
      csmSlackUserId: `U0CSM${String(i % 12).padStart(4, '0')}`,
      contact: { email: `contact${i}@bench-customer${i}.io` },
      kickoffDate: `2026-03-${String(2 + (i % 20)).padStart(2, '0')}`,
      actor: 'cli',
    });
    created += 1;
    const added = await db.prisma.action.count({ where: { accountId: account.id } });
    count += added;
    shown.tick(added);
  }
  shown.finish();
  return created;
}

/**
 * Makes exactly `due` actions due at `now` (spread over the ten minutes before it) and checks the count with
 * the claim's own conditions.
 */
async function makeDue(db: Database, due: number, now: Date): Promise<string[]> {
  // Those with a due time first; then ones still waiting on their trigger (marked due all the same).
  const ids = await pickActionsToMakeDue(db, due, 'BENCH_DUE');
  for (let minute = 1; minute <= 10; minute++) {
    const slice = ids.filter((_, i) => i % 10 === minute - 1);
    await db.prisma.action.updateMany({
      where: { id: { in: slice } },
      data: { dueAt: new Date(now.getTime() - minute * 60_000) },
    });
  }
  const count = await db.prisma.action.count({
    where: { status: 'pending', dueAt: { lte: now }, triggerKind: { not: 'manual' } },
  });
  if (count !== due) throw new Error(`${count} actions are due, expected exactly ${due}`);
  return ids;
}

/** Bench-only: the fired actions back to pending without their draft, as they were before the tick. */
async function resetToPending(db: Database, ids: string[]): Promise<void> {
  await db.prisma.action.updateMany({
    where: { id: { in: ids } },
    data: {
      status: 'pending',
      firedAt: null,
      draftSubject: null,
      draftBody: null,
      draftedBy: null,
      lintFindings: Prisma.DbNull,
      approvedAt: null,
      approvedById: null,
      lastError: null,
      waitingReason: null,
    },
  });
}

/** Runs `work` while recording every claim statement any pg client sends (Prisma's adapter included). */
async function capturing<T>(into: CapturedQuery[], work: () => Promise<T>): Promise<T> {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const q = args[0];
    if (
      q &&
      typeof q === 'object' &&
      'text' in q &&
      typeof (q as { text: unknown }).text === 'string' &&
      isClaimSql((q as { text: string }).text)
    ) {
      into.push({ text: (q as { text: string }).text, values: [...((q as { values?: unknown[] }).values ?? [])] });
    }
    return original.apply(this, args);
  };
  try {
    return await work();
  } finally {
    proto.query = original;
  }
}
