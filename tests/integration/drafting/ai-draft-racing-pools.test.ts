/**
 * Two AI draft pools on one database, as two Thread processes would run them: with TEST_DATABASE_URL each has its
 * own pool of connections and Prisma client on the same PostgreSQL database; on the embedded database (one
 * connection) they share the client and interleave at statement boundaries. Every queued draft is written once:
 * the model is asked once per action and each draft is stored once.
 */
import { createAnthropicDrafter } from '../../../src/connectors/anthropic/anthropic-drafter';
import { createAiDraftPool, type AiDraftPool } from '../../../src/jobs/ai-draft-pool';
import { listQueuedAiDrafts } from '../../../src/services/drafting/ai-drafts/list-queued-ai-drafts';
import { fireDueActions } from '../../../src/services/scheduler/fire-due-actions';
import { startFakeAnthropic, type FakeAnthropic } from '../../support/fake-anthropic';
import { RecordingNotifier } from '../../support/recording-notifier';
import { serviceContext } from '../../support/service-context';
import { racingClients } from '../../support/racing-clients';
import { testDatabaseKind, useTestDatabase } from '../../support/test-database';
import {
  addAccount,
  addTemplate,
  oneMilestoneTemplate,
  setupOrganization,
  spec,
} from '../scheduler/scheduler-fixtures';

const t = useTestDatabase();
const ACCOUNTS = 8;
const ACTIONS_PER_ACCOUNT = 5;
const TOTAL = ACCOUNTS * ACTIONS_PER_ACCOUNT;
let model: FakeAnthropic;

beforeAll(async () => {
  model = await startFakeAnthropic();
});
afterAll(async () => {
  await model.close();
});

/** Forty emails due now, fired by a tick that queued their AI drafts (no pool was woken: none ran yet). */
async function queueDrafts(): Promise<string[]> {
  const ctx = serviceContext(t.db, '2026-11-20T10:00:00Z');
  const org = await setupOrganization(ctx);
  await addTemplate(
    ctx,
    org.id,
    oneMilestoneTemplate(
      'Emails',
      Array.from({ length: ACTIONS_PER_ACCOUNT }, (_, i) =>
        spec(`k${i}`, 'email', { kind: 'kickoff_offset', delayDays: 0 }),
      ),
    ),
  );
  for (let a = 0; a < ACCOUNTS; a++) await addAccount(ctx, org.id, `Account ${a}`, 'Emails');
  ctx.setNow('2026-11-24T10:00:00Z');
  const fired = await fireDueActions(ctx, { notifier: new RecordingNotifier(), aiDrafts: { wake: () => {} } });
  return fired.fired.map((f) => f.id);
}

describe('AI draft pools racing on one database', () => {
  jest.setTimeout(120_000);

  it(`two pools write each of ${TOTAL} queued AI drafts exactly once`, async () => {
    const queued = await queueDrafts();
    expect(queued).toHaveLength(TOTAL);
    expect(await listQueuedAiDrafts(serviceContext(t.db), { actionIds: queued })).toHaveLength(TOTAL);

    const clients = racingClients(t.db, 2);
    // A little latency so both pools have calls in flight at once.
    model.setLatency(15);
    const drafter = createAnthropicDrafter({ apiKey: 'sk-test', baseUrl: model.url, model: 'claude-test' });
    const pools: AiDraftPool[] = clients.map((c) =>
      createAiDraftPool({
        ctx: serviceContext({ prisma: c.prisma }, '2026-11-24T10:00:00Z'),
        deps: { drafter, notifier: new RecordingNotifier() },
        concurrency: 4,
      }),
    );
    try {
      for (const p of pools) p.start();
      const left = await Promise.all(pools.map((p) => p.settle(queued, 60_000)));
      expect(left).toEqual([[], []]);
      await Promise.all(pools.map((p) => p.idle()));

      expect(model.requests).toHaveLength(TOTAL);
      expect(pools[0]!.stats.stored + pools[1]!.stats.stored).toBe(TOTAL);
      if (testDatabaseKind() === 'postgres') {
        expect(pools[0]!.stats.stored).toBeGreaterThan(0);
        expect(pools[1]!.stats.stored).toBeGreaterThan(0);
      }
      for (const p of pools) expect(p.stats.peak).toBeLessThanOrEqual(4);
      const stored = await t.db.prisma.auditEvent.groupBy({
        by: ['entityId'],
        where: { entityId: { in: queued }, reason: { startsWith: 'drafted by ai:claude-test' } },
        _count: { _all: true },
      });
      expect(stored).toHaveLength(TOTAL);
      expect(stored.every((row) => row._count._all === 1)).toBe(true);
      expect(await t.db.prisma.action.count({ where: { id: { in: queued }, draftedBy: 'ai:claude-test' } })).toBe(
        TOTAL,
      );
      expect(await t.db.prisma.action.count({ where: { id: { in: queued }, aiDraftAttempts: { not: 1 } } })).toBe(0);
    } finally {
      await Promise.all(pools.map((p) => p.stop()));
      for (const c of clients) await c.close();
    }
  });
});
