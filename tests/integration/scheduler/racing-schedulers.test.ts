/**
 * Two scheduler instances racing on one database. With TEST_DATABASE_URL (CI) each instance has its own pool
 * and Prisma client on the same PostgreSQL database, as two Thread processes would; on the embedded database
 * (one connection) the same race runs through one client, interleaved at transaction boundaries.
 */
import type { PrismaClient } from '../../../src/db/generated/client';
import { fireDueActions, type FireDueActionsResult } from '../../../src/services/scheduler/fire-due-actions';
import { racingClients } from '../../support/racing-clients';
import { testDatabaseKind, useTestDatabase } from '../../support/test-database';
import { addAccount, addTemplate, oneMilestoneTemplate, setupOrganization, spec } from './scheduler-fixtures';
import { RecordingNotifier } from '../../support/recording-notifier';
import { serviceContext } from '../../support/service-context';

const t = useTestDatabase();
const ACCOUNTS = 40;
const ACTIONS_PER_ACCOUNT = 50;
const TOTAL = ACCOUNTS * ACTIONS_PER_ACCOUNT;

/**
 * Forty accounts of fifty actions, all due by the time the schedulers run, through createAccount. Mostly emails plus
 * some portal requests on the even accounts, so that some accounts have more requests due than their limit and the
 * throttle's account locks are part of the race too.
 */
async function createDueActions(): Promise<void> {
  const ctx = serviceContext(t.db, '2026-11-20T10:00:00Z');
  const org = await setupOrganization(ctx, { portalMaxActive: 5 });
  const plan = (name: string, portal: boolean) =>
    oneMilestoneTemplate(
      name,
      Array.from({ length: ACTIONS_PER_ACCOUNT }, (_, i) =>
        spec(`k${i}`, portal && i % 5 === 4 ? 'portal_form' : 'email', {
          kind: 'kickoff_offset',
          delayDays: -(i % 3),
        }),
      ),
    );
  await addTemplate(ctx, org.id, plan('With portal requests', true));
  await addTemplate(ctx, org.id, plan('Emails only', false));
  for (let a = 0; a < ACCOUNTS; a++)
    await addAccount(ctx, org.id, `Account ${a}`, a % 2 === 0 ? 'With portal requests' : 'Emails only');
}

describe('schedulers racing on one database', () => {
  jest.setTimeout(240_000);

  it(`two instances fire each of ${TOTAL} due actions exactly once`, async () => {
    await createDueActions();
    const portalDue = await t.db.prisma.action.count({ where: { type: 'portal_form' } });
    const clients = racingClients(t.db, 2);

    const drafted = new Map<string, number>();
    // One notifier for both instances: a review card posted twice would show as the same action twice.
    const notifier = new RecordingNotifier();
    const instance = (prisma: PrismaClient) => {
      const ctx = serviceContext({ prisma }, '2026-11-24T10:00:00Z');
      const deps = { notifier, draft: async (id: string) => void drafted.set(id, (drafted.get(id) ?? 0) + 1) };
      return async (): Promise<FireDueActionsResult[]> => {
        const runs: FireDueActionsResult[] = [];
        // Ticks until nothing is left; small batches make the two instances interleave many times.
        for (;;) {
          const run = await fireDueActions(ctx, deps, { batchSize: 50, maxBatches: 3 });
          runs.push(run);
          if (run.fired.length === 0 && !run.more) return runs;
        }
      };
    };

    try {
      const [a, b] = await Promise.all(clients.map((c) => instance(c.prisma)()));
      const firedA = a!.flatMap((r) => r.fired.map((f) => f.id));
      const firedB = b!.flatMap((r) => r.fired.map((f) => f.id));
      const expected = TOTAL - portalDue + 20 * 5; // every email, plus 5 portal requests on each of the 20 even accounts
      expect(firedA.length + firedB.length).toBe(expected);
      expect(new Set([...firedA, ...firedB]).size).toBe(expected);
      if (testDatabaseKind() === 'postgres') {
        // Both really took part (on one embedded connection the first caller may drain everything).
        expect(firedA.length).toBeGreaterThan(0);
        expect(firedB.length).toBeGreaterThan(0);
      }
      expect([...drafted.values()].every((n) => n === 1)).toBe(true);
      expect(drafted.size).toBe(expected);
      const cards = notifier.changedActions();
      expect(new Set(cards).size).toBe(cards.length);
      expect(await t.db.prisma.action.count({ where: { status: 'ready' } })).toBe(expected);
      const audits = await t.db.prisma.auditEvent.groupBy({
        by: ['entityId'],
        where: { entityType: 'action', toState: 'ready' },
        _count: { _all: true },
      });
      expect(audits).toHaveLength(expected);
      expect(audits.every((row) => row._count._all === 1)).toBe(true);
      // The throttle held under the race: no account has more than its limit of portal requests open.
      const open = await t.db.prisma.action.groupBy({
        by: ['accountId'],
        where: { type: 'portal_form', status: 'ready' },
        _count: { _all: true },
      });
      expect(Math.max(...open.map((row) => row._count._all))).toBe(5);
    } finally {
      for (const c of clients) await c.close();
    }
  });
});
