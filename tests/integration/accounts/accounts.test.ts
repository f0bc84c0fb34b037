import { AppError } from '../../../src/lib/errors';
import { createAccount } from '../../../src/services/accounts/create-account';
import { listAccounts } from '../../../src/services/accounts/list-accounts';
import { completeMilestone } from '../../../src/services/milestones/complete-milestone';
import { getDefaultOrganization } from '../../../src/services/organizations/get-default-organization';
import { seedDemo } from '../../../src/services/seed/seed-demo';
import { fireDueActions } from '../../../src/services/scheduler/fire-due-actions';
import { confirmAtRisk } from '../../support/plan-steps';
import { RecordingNotifier } from '../../support/recording-notifier';
import { serviceContext } from '../../support/service-context';
import { useTestDatabase } from '../../support/test-database';

const t = useTestDatabase();
// Monday 2 March 2026, 10:00 UTC.
const NOW = new Date('2026-03-02T10:00:00Z');

async function demo() {
  const ctx = serviceContext(t.db, NOW);
  const seeded = await seedDemo(ctx);
  return { ctx, organizationId: seeded.organizationId, templateName: seeded.templateName };
}

describe('creating accounts', () => {
  it('pending the handoff: the plan is there with its planned dates, but nothing is started or due, and a tick fires nothing', async () => {
    const { ctx, organizationId, templateName } = await demo();
    const created = await createAccount(ctx, {
      organizationId,
      name: 'Waiting Widgets',
      templateName,
      contact: { email: 'wanda@waitingwidgets.io' },
      kickoffDate: '2026-03-02',
      pendingHandoff: true,
      actor: 'cli',
    });
    const account = await t.db.prisma.account.findUniqueOrThrow({
      where: { id: created.id },
      include: { milestones: { orderBy: { position: 'asc' } }, actions: true },
    });
    expect(account.status).toBe('pending_handoff');
    expect(account.milestones.map((m) => [m.status, m.startedAt])).toEqual(
      account.milestones.map(() => ['pending', null]),
    );
    expect(account.milestones[0]!.plannedStartDate.toISOString().slice(0, 10)).toBe('2026-03-02');
    expect(account.goLiveDate?.toISOString().slice(0, 10)).toBe(created.goLiveDate);
    expect(account.actions.filter((a) => a.dueAt !== null)).toEqual([]);
    expect(account.nextActionAt).toBeNull();
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { entityId: created.id } });
    expect(audit.toState).toBe('pending_handoff');

    ctx.setNow('2026-03-20T10:00:00Z');
    const fired = await fireDueActions(ctx, { notifier: new RecordingNotifier(), draft: async () => {} });
    expect(fired.fired.filter((a) => a.accountId === created.id)).toEqual([]);
    expect(fired.fired.length).toBeGreaterThan(0); // the demo accounts beside it did fire
  });

  it('instantiates the plan: dated milestones, the first in progress, actions with the due times known now', async () => {
    const { ctx, organizationId, templateName } = await demo();
    const created = await createAccount(ctx, {
      organizationId,
      name: 'Umbrella Freight',
      templateName,
      arr: 60000,
      csmSlackUserId: 'U0CSM0001',
      contact: { email: 'Dana.Scully@UmbrellaFreight.io' },
      kickoffDate: '2026-03-02',
      actor: 'cli',
    });
    expect(created).toMatchObject({ milestones: 5, kickoffDate: '2026-03-02' });

    const account = await t.db.prisma.account.findUniqueOrThrow({
      where: { id: created.id },
      include: {
        milestones: { orderBy: { position: 'asc' } },
        actions: { orderBy: { position: 'asc' } },
        contacts: true,
        csm: true,
      },
    });
    expect(account.milestones.map((m) => m.status)).toEqual([
      'in_progress',
      'pending',
      'pending',
      'pending',
      'pending',
    ]);
    expect(account.milestones[0]!.plannedStartDate.toISOString().slice(0, 10)).toBe('2026-03-02');
    // Consecutive milestones: each starts the business day after the previous one ends.
    for (let i = 1; i < account.milestones.length; i++) {
      expect(account.milestones[i]!.plannedStartDate.getTime()).toBeGreaterThan(
        account.milestones[i - 1]!.plannedEndDate.getTime(),
      );
    }
    expect(account.goLiveDate?.toISOString().slice(0, 10)).toBe(created.goLiveDate);
    expect(account.actions).toHaveLength(created.actions);
    expect(account.actions.map((a) => a.position)).toEqual(account.actions.map((_, i) => i));
    expect(account.actions.every((a) => a.status === 'pending')).toBe(true);
    const due = account.actions.filter((a) => a.dueAt !== null);
    expect(due.length).toBeGreaterThan(0);
    expect(account.nextActionAt?.getTime()).toBe(Math.min(...due.map((a) => a.dueAt!.getTime())));
    // Later milestones wait for their start: nothing in them is due yet.
    const laterMilestones = new Set(account.milestones.slice(1).map((m) => m.id));
    expect(
      account.actions.filter(
        (a) => laterMilestones.has(a.milestoneId) && a.triggerKind === 'milestone_start' && a.dueAt,
      ),
    ).toEqual([]);
    expect(account.contacts).toEqual([
      expect.objectContaining({ email: 'dana.scully@umbrellafreight.io', name: 'Dana Scully', isPrimary: true }),
    ]);
    expect(account.csm).toMatchObject({ slackUserId: 'U0CSM0001', role: 'csm' });
  });

  it('refuses a second account with the same name and leaves the first untouched', async () => {
    const { ctx, organizationId, templateName } = await demo();
    const before = await t.db.prisma.action.count();
    await expect(
      createAccount(ctx, { organizationId, name: 'Helios Health', templateName, actor: 'cli' }),
    ).rejects.toMatchObject({ code: 'conflict', message: 'an account named "Helios Health" already exists' });
    expect(await t.db.prisma.action.count()).toBe(before);
  });

  it('names every invalid field', async () => {
    const { ctx, organizationId, templateName } = await demo();
    const error = (await createAccount(ctx, {
      organizationId,
      name: ' ',
      templateName,
      arr: -5,
      domain: 'not a domain',
      contact: { email: 'nobody' },
      kickoffDate: '02/03/2026',
      csmSlackUserId: 'dana',
      actor: 'cli',
    }).catch((e: unknown) => e)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('validation_failed');
    for (const field of ['name:', 'arr:', 'domain:', 'contact.email:', 'kickoffDate:', 'csmSlackUserId:'])
      expect(error.message).toContain(field);
  });

  it('rejects a kickoff date that does not exist', async () => {
    const { ctx, organizationId, templateName } = await demo();
    await expect(
      createAccount(ctx, { organizationId, name: 'Feb', templateName, kickoffDate: '2026-02-30', actor: 'cli' }),
    ).rejects.toThrow('kickoffDate: 2026-02-30 is not a real date');
  });

  it('seeds the demo idempotently', async () => {
    const { ctx } = await demo();
    const again = await seedDemo(ctx);
    expect(again.created).toEqual([]);
    expect(again.existing).toHaveLength(3);
    expect(await t.db.prisma.account.count()).toBe(3);
    expect(await t.db.prisma.template.count()).toBe(1);
  });
});

describe('listing accounts', () => {
  it('sorts by next action, ARR, name or progress, and filters by status, milestone and CSM', async () => {
    const { ctx, organizationId, templateName } = await demo();
    const org = await getDefaultOrganization(ctx);
    const csmAccount = await createAccount(ctx, {
      organizationId,
      name: 'Zephyr Bank',
      templateName,
      arr: 500000,
      csmSlackUserId: 'U0CSM0002',
      kickoffDate: '2026-04-06',
      actor: 'cli',
    });
    // Zephyr moves on past two milestones (completed over their open actions), then runs late until Thread
    // suggests it is at risk and its CSM confirms.
    const operator = { organizationId, actor: 'cli' as const };
    for (const position of [0, 1]) {
      const milestone = await t.db.prisma.milestone.findFirstOrThrow({ where: { accountId: csmAccount.id, position } });
      await completeMilestone(ctx, { ...operator, milestoneId: milestone.id, overrideReason: 'moving on' });
    }
    await confirmAtRisk(ctx, { ...operator, accountId: csmAccount.id });

    const names = async (options: Partial<Parameters<typeof listAccounts>[1]>) =>
      (await listAccounts(ctx, { organizationId: org.id, ...options })).map((a) => a.name);

    expect(await names({ sort: 'name' })).toEqual([
      'Brightline Analytics',
      'Helios Health',
      'Northwind Logistics',
      'Zephyr Bank',
    ]);
    expect(await names({ sort: 'arr' })).toEqual([
      'Zephyr Bank',
      'Helios Health',
      'Northwind Logistics',
      'Brightline Analytics',
    ]);
    expect((await names({ sort: 'next' }))[3]).toBe('Zephyr Bank');
    expect((await names({ sort: 'progress' }))[3]).toBe('Zephyr Bank');
    expect(await names({ status: 'at_risk' })).toEqual(['Zephyr Bank']);
    expect(await names({ milestone: 'kickoff' })).toHaveLength(3);
    expect(await names({ milestone: 'implementation' })).toEqual(['Zephyr Bank']);
    expect(await names({ milestone: 'Go-Live' })).toEqual([]);
    const csm = await t.db.prisma.user.findFirstOrThrow({ where: { slackUserId: 'U0CSM0002' } });
    expect(await names({ csmUserId: csm.id })).toEqual(['Zephyr Bank']);
    expect(await names({ limit: 2, sort: 'name' })).toEqual(['Brightline Analytics', 'Helios Health']);

    const [row] = await listAccounts(ctx, { organizationId: org.id, status: 'at_risk' });
    expect(row).toMatchObject({
      arr: 500000,
      csmSlackUserId: 'U0CSM0002',
      currentMilestone: 'Implementation',
      currentMilestoneBlocked: false,
      progressPct: 40,
    });
  });

  it('rejects an unknown sort or status with the allowed values', async () => {
    const { ctx, organizationId } = await demo();
    await expect(listAccounts(ctx, { organizationId, sort: 'size' as never })).rejects.toThrow(/sort:/);
    await expect(listAccounts(ctx, { organizationId, status: 'lost' as never })).rejects.toThrow(/status:/);
  });
});
