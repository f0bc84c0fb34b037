import { createAccount } from '../../../src/services/accounts/create-account';
import { getAccountOverview } from '../../../src/services/accounts/get-account-overview';
import { listAccounts } from '../../../src/services/accounts/list-accounts';
import { completeInternalTask } from '../../../src/services/execution/complete-internal-task';
import { executeAction } from '../../../src/services/execution/execute-action';
import { completeMilestone } from '../../../src/services/milestones/complete-milestone';
import { getDefaultOrganization } from '../../../src/services/organizations/get-default-organization';
import { skipAction } from '../../../src/services/review/skip-action';
import { draftFromTemplate } from '../../../src/services/scheduler/draft-from-template';
import { fireDueActions } from '../../../src/services/scheduler/fire-due-actions';
import { seedDemo } from '../../../src/services/seed/seed-demo';
import { RecordingNotifier } from '../../support/recording-notifier';
import { serviceContext } from '../../support/service-context';
import { useTestDatabase } from '../../support/test-database';
import { addAccount, addTemplate, oneMilestoneTemplate, spec } from '../scheduler/scheduler-fixtures';

const t = useTestDatabase();
const NOW = new Date('2026-03-02T10:00:00Z');

/** An account created as the CSM would, with the CSM as the actor of every later change. */
async function account() {
  const ctx = serviceContext(t.db, NOW);
  const { organizationId, templateName } = await seedDemo(ctx);
  const created = await createAccount(ctx, {
    organizationId,
    name: 'Umbrella Freight',
    templateName,
    csmSlackUserId: 'U0CSM0001',
    kickoffDate: '2026-03-02',
    actor: 'cli',
  });
  const csm = await t.db.prisma.user.findFirstOrThrow({ where: { organizationId, slackUserId: 'U0CSM0001' } });
  return { ctx, organizationId, accountId: created.id, actor: { userId: csm.id, role: 'csm' as const } };
}

const nextActionAt = async (accountId: string) =>
  (await t.db.prisma.account.findUniqueOrThrow({ where: { id: accountId } })).nextActionAt;

describe("the account's next action time", () => {
  it('moves to the next open action as scheduled ones are skipped, and is empty when none is left', async () => {
    const { ctx, organizationId, accountId, actor } = await account();
    // The earliest scheduled open action; a skip may schedule more (what waited on the skipped one).
    const earliest = () =>
      t.db.prisma.action.findFirst({
        where: { accountId, dueAt: { not: null }, status: { in: ['pending', 'ready', 'review_pending', 'executing'] } },
        orderBy: [{ dueAt: 'asc' }, { position: 'asc' }],
        select: { id: true, dueAt: true },
      });
    let skipped = 0;
    for (let next = await earliest(); next; next = await earliest()) {
      expect(await nextActionAt(accountId)).toEqual(next.dueAt);
      await skipAction(ctx, { organizationId, actionId: next.id, actor });
      skipped++;
    }
    expect(skipped).toBeGreaterThan(1);
    expect(await nextActionAt(accountId)).toBeNull();
  });
});

/**
 * Two internal tasks, due Tuesday and Thursday of kickoff week (kickoff is Monday 2026-11-23), with the first fired
 * by the scheduler on Tuesday, as a CSM finds them.
 */
async function twoTasks() {
  const ctx = serviceContext(t.db, '2026-11-24T10:00:00Z');
  const org = await getDefaultOrganization(ctx, { name: 'Test Co' });
  await addTemplate(
    ctx,
    org.id,
    oneMilestoneTemplate('Plan', [
      spec('first', 'internal_task', { kind: 'kickoff_offset', delayDays: 1 }),
      spec('second', 'internal_task', { kind: 'kickoff_offset', delayDays: 3 }),
    ]),
  );
  const created = await addAccount(ctx, org.id, 'Acme', 'Plan', { csmSlackUserId: 'U0CSM0001' });
  const notifier = new RecordingNotifier();
  await fireDueActions(ctx, { notifier, draft: async (actionId) => void (await draftFromTemplate(ctx, { actionId })) });
  const action = (key: string) =>
    t.db.prisma.action.findUniqueOrThrow({ where: { accountId_key: { accountId: created.id, key } } });
  const [first, second] = [await action('first'), await action('second')];
  expect(first.status).toBe('ready');
  expect(await nextActionAt(created.id)).toEqual(first.dueAt);
  const csm = await t.db.prisma.user.findFirstOrThrow({ where: { organizationId: org.id, slackUserId: 'U0CSM0001' } });
  return { ctx, notifier, organizationId: org.id, accountId: created.id, csmId: csm.id, first, second };
}

describe("the account's next action time after a task leaves the open actions", () => {
  it('moves to the next task when the CSM marks the first one done', async () => {
    const { ctx, notifier, organizationId, accountId, csmId, first, second } = await twoTasks();
    await completeInternalTask(ctx, { notifier }, { organizationId, actionId: first.id, actor: { userId: csmId } });
    expect(await nextActionAt(accountId)).toEqual(second.dueAt);
  });

  it('moves to the next task when the first one is executed', async () => {
    const { ctx, notifier, organizationId, accountId, csmId, first, second } = await twoTasks();
    expect(
      (await executeAction(ctx, { notifier }, { organizationId, actionId: first.id, actor: { userId: csmId } }))
        .outcome,
    ).toBe('executed');
    expect(await nextActionAt(accountId)).toEqual(second.dueAt);
  });
});

describe("an account's progress and current milestone", () => {
  it('follow a completed milestone in the overview and the account list alike', async () => {
    const { ctx, organizationId, accountId, actor } = await account();
    const before = await getAccountOverview(ctx, { organizationId, accountId });
    expect(before).toMatchObject({ milestonesDone: 0, milestonesTotal: 5 });
    const first = before.currentMilestone!;

    const done = await completeMilestone(ctx, {
      organizationId,
      milestoneId: first.id,
      actor,
      overrideReason: 'kickoff held on the phone',
    });

    const after = await getAccountOverview(ctx, { organizationId, accountId });
    expect(after).toMatchObject({ milestonesDone: 1, milestonesTotal: 5 });
    expect(after.currentMilestone).toMatchObject({ id: done.next!.milestoneId, status: 'in_progress' });
    const [row] = await listAccounts(ctx, { organizationId, csmUserId: actor.userId });
    expect(row).toMatchObject({ name: 'Umbrella Freight', progressPct: 20, currentMilestone: done.next!.name });
  });
});
