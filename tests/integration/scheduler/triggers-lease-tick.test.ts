import { acquireJobLease } from '../../../src/services/scheduler/acquire-job-lease';
import { releaseJobLease } from '../../../src/services/scheduler/release-job-lease';
import { propagateTriggers } from '../../../src/services/plan/propagate-triggers';
import { runTick } from '../../../src/services/scheduler/run-tick';
import { describeTick } from '../../../src/cli/commands/tick';
import { useTestDatabase } from '../../support/test-database';
import { addAccount, addTemplate, oneMilestoneTemplate, setupOrganization, spec } from './scheduler-fixtures';
import { RecordingNotifier } from '../../support/recording-notifier';
import { serviceContext } from '../../support/service-context';

const t = useTestDatabase();

describe('trigger propagation', () => {
  it('gives waiting actions their due time when an action is done, a submission arrives or a milestone starts; first event wins', async () => {
    const ctx = serviceContext(t.db, '2026-11-23T10:00:00Z');
    const org = await setupOrganization(ctx);
    await addTemplate(
      ctx,
      org.id,
      oneMilestoneTemplate(
        'Plan',
        [
          spec('hello', 'email', { kind: 'kickoff_offset', delayDays: 0 }),
          spec('form', 'portal_form', { kind: 'previous_action', delayDays: 1 }),
          spec('thanks', 'email', { kind: 'submission', delayDays: 0, after: 'form' }),
        ],
        [
          {
            name: 'Setup',
            plannedDays: 5,
            exitCriteria: '',
            description: '',
            actions: [spec('setup-call', 'email', { kind: 'milestone_start', delayDays: 2 })],
          },
        ],
      ),
    );
    const created = await addAccount(ctx, org.id, 'Acme', 'Plan');
    const due = async (key: string) =>
      (await t.db.prisma.action.findFirstOrThrow({ where: { key } })).dueAt?.toISOString() ?? null;
    expect([await due('form'), await due('thanks'), await due('setup-call')]).toEqual([null, null, null]);

    const done = await t.db.prisma.$transaction((tx) =>
      propagateTriggers(tx, {
        kind: 'action_done',
        accountId: created.id,
        actionKey: 'hello',
        at: new Date('2026-11-27T15:00:00Z'),
      }),
    );
    expect(done.map((a) => a.key)).toEqual(['form']);
    expect(await due('form')).toBe('2026-11-30T15:00:00.000Z'); // Friday + 1 business day = Monday
    // Completing it later changes nothing: it already counts from the execution.
    await t.db.prisma.$transaction((tx) =>
      propagateTriggers(tx, {
        kind: 'action_done',
        accountId: created.id,
        actionKey: 'hello',
        at: new Date('2026-12-03T15:00:00Z'),
      }),
    );
    expect(await due('form')).toBe('2026-11-30T15:00:00.000Z');

    await t.db.prisma.$transaction((tx) =>
      propagateTriggers(tx, {
        kind: 'submission',
        accountId: created.id,
        actionKey: 'form',
        at: new Date('2026-12-01T11:00:00Z'),
      }),
    );
    expect(await due('thanks')).toBe('2026-12-01T11:00:00.000Z');

    const setup = await t.db.prisma.milestone.findFirstOrThrow({ where: { accountId: created.id, position: 1 } });
    await t.db.prisma.$transaction((tx) =>
      propagateTriggers(tx, {
        kind: 'milestone_started',
        accountId: created.id,
        milestoneId: setup.id,
        at: new Date('2026-12-02T09:00:00Z'),
      }),
    );
    expect(await due('setup-call')).toBe('2026-12-04T09:00:00.000Z');
    // nextActionAt stays the earliest open due time.
    expect(
      (await t.db.prisma.account.findUniqueOrThrow({ where: { id: created.id } })).nextActionAt?.toISOString(),
    ).toBe('2026-11-23T09:00:00.000Z');
  });
});

describe('job lease', () => {
  it('is held by one process at a time until released or expired', async () => {
    const ctx = serviceContext(t.db, '2026-11-24T10:00:00Z');
    expect(await acquireJobLease(ctx, { name: 'tick', holder: 'a', ttlMs: 60_000 })).toEqual({ acquired: true });
    expect(await acquireJobLease(ctx, { name: 'tick', holder: 'b', ttlMs: 60_000 })).toEqual({
      acquired: false,
      heldBy: { holder: 'a', expiresAt: new Date('2026-11-24T10:01:00Z') },
    });
    await releaseJobLease(ctx, { name: 'tick', holder: 'b' }); // not b's to release
    expect((await acquireJobLease(ctx, { name: 'tick', holder: 'b', ttlMs: 60_000 })).acquired).toBe(false);
    ctx.setNow('2026-11-24T10:01:00Z'); // a died: its lease expires
    expect(await acquireJobLease(ctx, { name: 'tick', holder: 'b', ttlMs: 60_000 })).toEqual({ acquired: true });
    await releaseJobLease(ctx, { name: 'tick', holder: 'b' });
    expect(await acquireJobLease(ctx, { name: 'tick', holder: 'a', ttlMs: 60_000 })).toEqual({ acquired: true });
  });
});

describe('one tick', () => {
  it('fires due actions with the template drafter and says what it did and what it skipped', async () => {
    const ctx = serviceContext(t.db, '2026-11-24T10:00:00Z');
    const org = await setupOrganization(ctx);
    await addTemplate(
      ctx,
      org.id,
      oneMilestoneTemplate('Plan', [spec('hello', 'email', { kind: 'kickoff_offset', delayDays: 0 })]),
    );
    await addAccount(ctx, org.id, 'Acme', 'Plan');
    const notifier = new RecordingNotifier();

    const report = await runTick(ctx, { notifier, canNotify: false });

    const action = await t.db.prisma.action.findFirstOrThrow({ where: { key: 'hello' } });
    expect(action).toMatchObject({ status: 'ready', draftSubject: 'About hello for Acme', draftedBy: 'template' });
    expect(report.errors).toEqual([]);
    const lines = describeTick(report);
    expect(lines[0]).toBe('Fired 1 due action in 1 batch.');
    expect(lines).toContain(`  ready: Action hello (${action.id}), due 2026-11-23T09:00:00.000Z`);
    expect(lines).toContain('Skipped submission review clocks: no Slack to remind the CSM through.');
    expect(lines).toContain('Skipped portal request reminders: email is not configured (SMTP_URL, EMAIL_FROM).');
    expect(lines).toContain('At-risk suggestions: 0 new, 0 withdrawn.');
  });
});
