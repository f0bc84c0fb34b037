import { fireDueActions } from '../../../src/services/scheduler/fire-due-actions';
import { draftFromTemplate } from '../../../src/services/scheduler/draft-from-template';
import { useTestDatabase } from '../../support/test-database';
import { addAccount, addTemplate, oneMilestoneTemplate, setupOrganization, spec } from './scheduler-fixtures';
import { RecordingNotifier } from '../../support/recording-notifier';
import { serviceContext } from '../../support/service-context';

const t = useTestDatabase();
// Kickoff is Monday 2026-11-23; kickoff_offset actions are due at 09:00 UTC on their day.
const TUESDAY_10 = '2026-11-24T10:00:00Z';

describe('firing due actions', () => {
  it('makes every due action ready once, drafts it, posts its card and audits it; manual and future ones stay pending', async () => {
    const ctx = serviceContext(t.db, TUESDAY_10);
    const org = await setupOrganization(ctx);
    await addTemplate(
      ctx,
      org.id,
      oneMilestoneTemplate('Plan', [
        spec('hello', 'email', { kind: 'kickoff_offset', delayDays: 0 }),
        spec('prep', 'internal_task', { kind: 'kickoff_offset', delayDays: 1 }),
        spec('later', 'email', { kind: 'kickoff_offset', delayDays: 3 }),
        spec('by-hand', 'email', { kind: 'manual', delayDays: 0 }),
      ]),
    );
    const account = await addAccount(ctx, org.id, 'Acme', 'Plan');
    const notifier = new RecordingNotifier();
    const drafted: string[] = [];

    const result = await fireDueActions(ctx, { notifier, draft: async (id) => void drafted.push(id) });

    const byKey = Object.fromEntries(
      (await t.db.prisma.action.findMany({ where: { accountId: account.id } })).map((a) => [a.key, a]),
    );
    expect(result.fired.map((f) => f.id)).toEqual([byKey.hello!.id, byKey.prep!.id]);
    expect(byKey.hello!.status).toBe('ready');
    expect(byKey.hello!.firedAt?.toISOString()).toBe('2026-11-24T10:00:00.000Z');
    expect(byKey.prep!.status).toBe('ready');
    expect(byKey.later!.status).toBe('pending');
    expect(byKey['by-hand']!.status).toBe('pending');
    expect(drafted.sort()).toEqual([byKey.hello!.id, byKey.prep!.id].sort());
    expect(notifier.changedActions().sort()).toEqual([byKey.hello!.id, byKey.prep!.id].sort());
    const audits = await t.db.prisma.auditEvent.findMany({
      where: { entityType: 'action' },
      orderBy: { entityId: 'asc' },
    });
    expect(audits.map((a) => [a.entityId, a.fromState, a.toState, a.actor])).toEqual(
      [byKey.hello!.id, byKey.prep!.id].sort().map((id) => [id, 'pending', 'ready', 'system']),
    );

    const again = await fireDueActions(ctx, { notifier, draft: async (id) => void drafted.push(id) });
    expect(again.fired).toEqual([]);
    expect(drafted).toHaveLength(2);
  });

  it('after downtime fires the backlog oldest first in bounded batches, once each, over the next ticks', async () => {
    const ctx = serviceContext(t.db, '2026-12-04T12:00:00Z');
    const org = await setupOrganization(ctx);
    await addTemplate(
      ctx,
      org.id,
      oneMilestoneTemplate(
        'Plan',
        [0, 1, 2, 3, 4].map((d) => spec(`day-${d}`, 'email', { kind: 'kickoff_offset', delayDays: d })),
      ),
    );
    for (const name of ['A', 'B', 'C', 'D', 'E']) await addAccount(ctx, org.id, name, 'Plan');
    const notifier = new RecordingNotifier();
    const deps = { notifier, draft: async () => {} };

    const first = await fireDueActions(ctx, deps, { batchSize: 7, maxBatches: 2 });
    expect(first.fired).toHaveLength(14);
    expect(first.more).toBe(true);
    const dueTimes = first.fired.map((f) => f.dueAt.getTime());
    expect(dueTimes).toEqual([...dueTimes].sort((a, b) => a - b));
    // The 14 oldest: all five day-0, all five day-1, and four of day-2.
    expect(Math.max(...dueTimes)).toBe(new Date('2026-11-25T09:00:00Z').getTime());

    const second = await fireDueActions(ctx, deps, { batchSize: 7, maxBatches: 2 });
    expect(second.fired).toHaveLength(11);
    expect(second.more).toBe(false);
    const all = [...first.fired, ...second.fired].map((f) => f.id);
    expect(new Set(all).size).toBe(25);
    expect(await t.db.prisma.action.count({ where: { status: 'ready' } })).toBe(25);
    const catchUp = await t.db.prisma.auditEvent.findFirst({ where: { entityId: first.fired[0]!.id } });
    expect(catchUp?.reason).toMatch(/fired on catch-up/);
  });

  it('drafts from the template when no drafter is wired: placeholders filled, lint findings stored', async () => {
    const ctx = serviceContext(t.db, TUESDAY_10);
    const org = await setupOrganization(ctx);
    await addTemplate(
      ctx,
      org.id,
      oneMilestoneTemplate('Plan', [
        spec(
          'hello',
          'email',
          { kind: 'kickoff_offset', delayDays: 0 },
          { subject: 'Welcome, {{company}}', body: 'Hi {{contact.first_name}}, your portal: {{portal_link}}' },
        ),
      ]),
    );
    await addAccount(ctx, org.id, 'Acme', 'Plan');
    const notifier = new RecordingNotifier();

    await fireDueActions(ctx, {
      notifier,
      draft: async (actionId) => void (await draftFromTemplate(ctx, { actionId })),
    });

    const action = await t.db.prisma.action.findFirstOrThrow({ where: { key: 'hello' } });
    expect(action.draftSubject).toBe('Welcome, Acme');
    expect(action.draftBody).toBe('Hi Jane, your portal: {{portal_link}}');
    expect(action.draftedBy).toBe('template');
    expect(action.lintFindings).toEqual([
      expect.objectContaining({ code: 'unfilled_placeholder', severity: 'error', excerpt: '{{portal_link}}' }),
    ]);
  });

  it('keeps a fired action ready with the drafting error on it, and still posts its card', async () => {
    const ctx = serviceContext(t.db, TUESDAY_10);
    const org = await setupOrganization(ctx);
    await addTemplate(
      ctx,
      org.id,
      oneMilestoneTemplate('Plan', [spec('hello', 'email', { kind: 'kickoff_offset', delayDays: 0 })]),
    );
    await addAccount(ctx, org.id, 'Acme', 'Plan');
    const notifier = new RecordingNotifier();

    const result = await fireDueActions(ctx, {
      notifier,
      draft: async () => {
        throw new Error('the AI service timed out');
      },
    });

    const action = await t.db.prisma.action.findFirstOrThrow({ where: { key: 'hello' } });
    expect(action.status).toBe('ready');
    expect(action.lastError).toBe('Drafting failed: the AI service timed out');
    expect(result.failures).toEqual([{ actionId: action.id, step: 'draft', message: 'the AI service timed out' }]);
    expect(notifier.log).toEqual([{ method: 'actionsChanged', args: [[action.id]] }]);
  });
});
