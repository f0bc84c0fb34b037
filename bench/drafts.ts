/**
 * AI draft bench: the draft pool's throughput against a Messages API that takes `latencyMs` (500 ms) per draft, with
 * the real Anthropic SDK pointed at a fake on 127.0.0.1 (bench/lib/fake-anthropic.ts). For each concurrency: `drafts`
 * pending actions of the foundation's accounts are made due and fired by one scheduler tick with AI drafting
 * configured, as the server's tick does (template drafts at once, AI drafts queued, the pool woken); the tick's own
 * time is reported (it does not wait for the model), then the pool's drafts per second from its first call to the
 * last draft stored, against the ideal of concurrency ÷ latency (every worker always waiting on the model).
 * Notifications go to the silent notifier: the cards' Slack calls are the Slack suite's business.
 */
import { createAnthropicDrafter } from '../src/connectors/anthropic/anthropic-drafter';
import type { Database } from '../src/db/client';
import { createAiDraftPool } from '../src/jobs/ai-draft-pool';
import { silentLogger } from '../src/lib/logger';
import type { ServiceContext } from '../src/services/context';
import type { PortalLinks } from '../src/services/execution/ports';
import { silentNotifier } from '../src/services/notifications/notifier-port';
import { mintPortalLink } from '../src/services/portal/mint-portal-link';
import { runTick } from '../src/services/scheduler/run-tick';
import { momentBeforeEveryPendingAction } from './execution';
import { startBenchAnthropic } from './lib/fake-anthropic';
import { progress } from './lib/progress';
import { pickActionsToMakeDue } from './lib/pick-actions-to-make-due';
import type { BenchRow } from './lib/report';
import { ms } from './lib/stats';

const PUBLIC_URL = 'http://127.0.0.1:3000';

export async function benchDrafts(
  db: Database,
  options: { drafts: number; concurrencies: number[]; latencyMs: number },
): Promise<BenchRow[]> {
  const model = await startBenchAnthropic({ latencyMs: options.latencyMs });
  const rows: BenchRow[] = [];
  try {
    for (const concurrency of options.concurrencies) {
      rows.push(...(await onePool(db, model, { ...options, concurrency })));
    }
  } finally {
    await model.close();
  }
  return rows;
}

async function onePool(
  db: Database,
  model: Awaited<ReturnType<typeof startBenchAnthropic>>,
  o: { drafts: number; concurrency: number; latencyMs: number },
): Promise<BenchRow[]> {
  // A clock that runs from just before the actions it makes due, so leases and retry times behave as they would.
  const start = await momentBeforeEveryPendingAction(db);
  const offset = start.getTime() - Date.now();
  const ctx: ServiceContext = { prisma: db.prisma, now: () => new Date(Date.now() + offset), logger: silentLogger };
  const ids = await makeDue(db, o.drafts, ctx.now());
  const drafter = createAnthropicDrafter({ apiKey: 'sk-bench', baseUrl: model.url, model: 'claude-bench' });
  const links: PortalLinks = { create: (input) => mintPortalLink(ctx, { ...input, publicUrl: PUBLIC_URL }) };
  const pool = createAiDraftPool({
    ctx,
    deps: { drafter, notifier: silentNotifier, portalLinks: links },
    concurrency: o.concurrency,
  });
  model.reset();
  const shown = progress(`drafts: ${o.concurrency} at once`, o.drafts, 'AI drafts');
  let counted = 0;
  const ticker = setInterval(() => {
    shown.tick(pool.stats.stored - counted);
    counted = pool.stats.stored;
  }, 250);
  try {
    pool.start();
    const tickStart = performance.now();
    const report = await runTick(ctx, {
      notifier: silentNotifier,
      canNotify: true,
      portalLinks: links,
      aiDrafts: pool,
    });
    const tickMs = performance.now() - tickStart;
    const fired = report.fire?.fired.map((a) => a.id) ?? [];
    if (fired.length !== o.drafts || report.errors.length > 0)
      throw new Error(`the tick fired ${fired.length} of ${o.drafts}; errors: ${JSON.stringify(report.errors)}`);
    const draftsAtTickEnd = pool.stats.stored;
    const left = await pool.settle(ids, 10 * 60_000);
    const end = performance.now();
    if (left.length > 0 || pool.stats.stored !== o.drafts)
      throw new Error(`${left.length} AI drafts still queued; ${pool.stats.stored} stored of ${o.drafts}`);
    shown.tick(pool.stats.stored - counted);
    shown.finish();

    const seconds = (end - (model.firstAt ?? tickStart)) / 1000;
    const perSecond = o.drafts / seconds;
    const ideal = o.concurrency / (o.latencyMs / 1000);
    const label = `${o.drafts} AI drafts, ${o.concurrency} at once, model ${o.latencyMs} ms`;
    return [
      {
        suite: 'drafts',
        case: `${label}: the tick that fired them (it does not wait for the model)`,
        database: db.kind,
        metric: 'tick time',
        value: ms(tickMs),
        data: { tickStepMs: report.stepMs, draftsStoredWhenTheTickEnded: draftsAtTickEnd },
      },
      {
        suite: 'drafts',
        case: `${label}: draft pool throughput`,
        database: db.kind,
        metric: 'drafts/s',
        value: `${perSecond.toFixed(2)}/s`,
        baseline: `${ideal.toFixed(2)}/s (ideal: ${o.concurrency} ÷ ${o.latencyMs / 1000} s)`,
        ratio: perSecond / ideal,
        data: {
          drafts: o.drafts,
          concurrency: o.concurrency,
          latencyMs: o.latencyMs,
          seconds,
          perSecond,
          ideal,
          requests: model.requests,
          peakInFlight: model.peakInFlight,
          stats: { ...pool.stats },
        },
      },
    ];
  } finally {
    clearInterval(ticker);
    await pool.stop();
  }
}

/** Makes exactly `due` pending, non-manual, non-portal actions due at `now` (portal requests could be held). */
async function makeDue(db: Database, due: number, now: Date): Promise<string[]> {
  const ids = await pickActionsToMakeDue(db, due, 'BENCH_DRAFTS');
  await db.prisma.action.updateMany({ where: { id: { in: ids } }, data: { dueAt: new Date(now.getTime() - 60_000) } });
  return ids;
}
