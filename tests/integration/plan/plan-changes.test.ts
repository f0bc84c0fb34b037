import { whyText } from '../../../src/domain/plan-why';
import type { ServiceContext } from '../../../src/services/context';
import { completeInternalTask } from '../../../src/services/execution/complete-internal-task';
import { updateSettings } from '../../../src/services/organizations/update-settings';
import { completeMilestone } from '../../../src/services/milestones/complete-milestone';
import { startMilestone } from '../../../src/services/milestones/start-milestone';
import { addPlanAction } from '../../../src/services/plan/add-plan-action';
import { changeActionDueDate } from '../../../src/services/plan/change-action-due-date';
import { changeKickoffDate } from '../../../src/services/plan/change-kickoff-date';
import { getAccountPlan, type AccountPlan } from '../../../src/services/plan/get-account-plan';
import { listAddableTemplateActions } from '../../../src/services/plan/list-addable-template-actions';
import { movePlanAction } from '../../../src/services/plan/move-plan-action';
import { removePlanAction } from '../../../src/services/plan/remove-plan-action';
import { shiftMilestoneDates } from '../../../src/services/plan/shift-milestone-dates';
import { skipAction } from '../../../src/services/review/skip-action';
import { draftFromTemplate } from '../../../src/services/scheduler/draft-from-template';
import { fireDueActions } from '../../../src/services/scheduler/fire-due-actions';
import { RecordingNotifier } from '../../support/recording-notifier';
import { refusal } from '../../support/refusal';
import { serviceContext } from '../../support/service-context';
import { useTestDatabase } from '../../support/test-database';
import { setUpPlanTeam, type PlanTeam } from './plan-team';

const t = useTestDatabase();
/** Monday 2 March 2026, 10:00 UTC: kickoff day of both accounts. */
const NOW = new Date('2026-03-02T10:00:00Z');

async function team(): Promise<{ ctx: ReturnType<typeof serviceContext>; team: PlanTeam }> {
  const ctx = serviceContext(t.db, NOW);
  return { ctx, team: await setUpPlanTeam(ctx) };
}

const action = (accountId: string, key: string) => t.db.prisma.action.findFirstOrThrow({ where: { accountId, key } });
const milestone = (accountId: string, position: number) =>
  t.db.prisma.milestone.findFirstOrThrow({ where: { accountId, position } });
const day = (date: Date | null) => date?.toISOString().slice(0, 10) ?? null;

function whyOf(plan: AccountPlan, name: string): string {
  const found = plan.milestones.flatMap((m) => m.actions).find((a) => a.name === name);
  if (!found) throw new Error(`no action "${name}" in the plan`);
  return whyText(found.why);
}

async function fire(ctx: ServiceContext) {
  await fireDueActions(ctx, {
    notifier: new RecordingNotifier(),
    draft: async (actionId) => void (await draftFromTemplate(ctx, { actionId })),
  });
}

/** Everything a plan change could touch outside the account: the template and the other account's plan. */
async function outsideTheAccount(team: PlanTeam) {
  const template = await t.db.prisma.templateAction.findMany({
    orderBy: { id: 'asc' },
    select: { id: true, key: true, name: true, position: true, milestoneId: true, delayDays: true, triggerKind: true },
  });
  const other = await t.db.prisma.account.findUniqueOrThrow({
    where: { id: team.otherAccountId },
    include: { milestones: { orderBy: { position: 'asc' } }, actions: { orderBy: { position: 'asc' } } },
  });
  return { template, other };
}

describe('the plan, milestone by milestone, with why', () => {
  it('says why each action stands where it stands', async () => {
    const { ctx, team: tm } = await team();
    const plan = await getAccountPlan(ctx, { organizationId: tm.organizationId, accountId: tm.accountId });
    expect(plan.milestones.map((m) => m.name)).toEqual([
      'Kickoff',
      'Technical Setup',
      'Implementation',
      'Training',
      'Go-Live',
    ]);
    expect(whyOf(plan, 'Kickoff questionnaire')).toBe('waits for *Welcome email*');
    expect(whyOf(plan, 'Kickoff recap and success plan')).toBe('starts by hand');
    expect(whyOf(plan, 'Technical setup introduction')).toBe('waits for the milestone to start');
    expect(whyOf(plan, 'Configure single sign-on')).toBe('waits for the customer to answer *Technical details form*');
    // The welcome email counts from the kickoff at 09:00, an hour ago: the next tick fires it.
    expect(whyOf(plan, 'Welcome email')).toBe('due since Mon 2 Mar 09:00, fires on the next tick');
  });

  it('names who skipped an action and who completed an internal task', async () => {
    const { ctx, team: tm } = await team();
    await fire(ctx);
    const prep = await action(tm.accountId, 'kickoff-prep');
    await completeInternalTask(
      ctx,
      { notifier: new RecordingNotifier() },
      { organizationId: tm.organizationId, actionId: prep.id, actor: tm.csm },
    );
    const recap = await action(tm.accountId, 'success-plan-recap');
    await skipAction(ctx, {
      organizationId: tm.organizationId,
      actionId: recap.id,
      actor: { userId: tm.csm.userId },
    });
    const plan = await getAccountPlan(ctx, { organizationId: tm.organizationId, accountId: tm.accountId });
    expect(whyOf(plan, 'Prepare the kickoff')).toBe('done by Casey Morgan');
    expect(whyOf(plan, 'Kickoff recap and success plan')).toBe('skipped by Casey Morgan');
    expect(whyOf(plan, 'Welcome email')).toBe('draft ready for review');
  });
});

describe('adding an action to one customer’s plan', () => {
  it('adds one made by hand after another, waiting on it, audited, and touches neither the template nor other accounts', async () => {
    const { ctx, team: tm } = await team();
    const before = await outsideTheAccount(tm);
    const setup = await milestone(tm.accountId, 1);
    const sso = await action(tm.accountId, 'configure-sso');
    const added = await addPlanAction(ctx, {
      organizationId: tm.organizationId,
      actor: tm.csm,
      accountId: tm.accountId,
      placement: { milestoneId: setup.id, afterActionId: sso.id },
      source: {
        kind: 'ad_hoc',
        name: 'Call their legal team',
        type: 'internal_task',
        triggerKind: 'previous_action',
        delayDays: 2,
        body: 'Walk them through the DPA.',
      },
    });
    const row = await t.db.prisma.action.findUniqueOrThrow({ where: { id: added.actionId } });
    expect(row).toMatchObject({
      key: 'call-their-legal-team',
      milestoneId: setup.id,
      afterActionKey: 'configure-sso',
      delayDays: 2,
      dueAt: null,
      defaultBody: 'Walk them through the DPA.',
      status: 'pending',
    });
    const order = await t.db.prisma.action.findMany({
      where: { accountId: tm.accountId },
      orderBy: { position: 'asc' },
    });
    expect(order.map((a) => a.position)).toEqual(order.map((_, i) => i));
    expect(order[order.findIndex((a) => a.key === 'configure-sso') + 1]!.key).toBe('call-their-legal-team');
    const plan = await getAccountPlan(ctx, { organizationId: tm.organizationId, accountId: tm.accountId });
    expect(whyOf(plan, 'Call their legal team')).toBe('waits for *Configure single sign-on*, then 2 business days');
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { entityId: added.actionId } });
    expect(audit).toMatchObject({ actor: tm.csm.userId, toState: 'pending', reason: 'added to the plan by hand' });
    expect(await outsideTheAccount(tm)).toEqual(before);
  });

  it('adds a template action the plan no longer holds, due at once from a milestone that has started', async () => {
    const { ctx, team: tm } = await team();
    const welcome = await action(tm.accountId, 'welcome-email');
    await removePlanAction(ctx, { organizationId: tm.organizationId, actor: tm.csm, actionId: welcome.id });
    const addable = await listAddableTemplateActions(ctx, {
      organizationId: tm.organizationId,
      accountId: tm.accountId,
    });
    expect(addable.map((a) => a.key)).toEqual(['welcome-email']);
    const kickoff = await milestone(tm.accountId, 0);
    const added = await addPlanAction(ctx, {
      organizationId: tm.organizationId,
      actor: tm.admin,
      accountId: tm.accountId,
      placement: { milestoneId: kickoff.id, afterActionId: null },
      source: { kind: 'template', templateActionKey: 'welcome-email' },
    });
    expect(added.dueAt).toEqual(new Date('2026-03-02T09:00:00Z'));
    expect(
      await listAddableTemplateActions(ctx, { organizationId: tm.organizationId, accountId: tm.accountId }),
    ).toEqual([]);
  });

  it('refuses a portal form made by hand, a submission trigger on something the customer cannot answer, and a place before what it waits on', async () => {
    const { ctx, team: tm } = await team();
    const kickoff = await milestone(tm.accountId, 0);
    const welcome = await action(tm.accountId, 'welcome-email');
    const recap = await action(tm.accountId, 'success-plan-recap');
    const base = {
      organizationId: tm.organizationId,
      actor: tm.csm,
      accountId: tm.accountId,
      placement: { milestoneId: kickoff.id, afterActionId: null },
    };
    const adHoc = {
      kind: 'ad_hoc' as const,
      name: 'Thing',
      type: 'email',
      triggerKind: 'previous_action' as const,
      delayDays: 0,
    };
    let error = await refusal(addPlanAction(ctx, { ...base, source: { ...adHoc, type: 'portal_form' } }));
    expect(error.fields.map((f) => f.field)).toEqual(['type']);
    error = await refusal(
      addPlanAction(ctx, { ...base, source: { ...adHoc, triggerKind: 'submission', afterActionId: welcome.id } }),
    );
    expect(error.fields[0]).toMatchObject({
      field: 'afterActionId',
      message: expect.stringContaining('not a portal request'),
    });
    error = await refusal(addPlanAction(ctx, { ...base, source: { ...adHoc, afterActionId: recap.id } }));
    expect(error.fields[0]).toEqual({
      field: 'placement',
      message: '"Thing" waits for "Kickoff recap and success plan", so it must come after it in the plan.',
    });
    expect(await t.db.prisma.action.count({ where: { accountId: tm.accountId, name: 'Thing' } })).toBe(0);
  });
});

describe('removing an action', () => {
  it('hands what waited on it to what it waited on, releasing it now when that already happened', async () => {
    const { ctx, team: tm } = await team();
    const outside = await outsideTheAccount(tm);
    const welcome = await action(tm.accountId, 'welcome-email');
    const removed = await removePlanAction(ctx, {
      organizationId: tm.organizationId,
      actor: tm.csm,
      actionId: welcome.id,
    });
    expect(removed.repointed).toEqual([{ name: 'Kickoff questionnaire', waitsOn: null, dueAt: NOW }]);
    expect(await t.db.prisma.action.findUnique({ where: { id: welcome.id } })).toBeNull();
    expect(await action(tm.accountId, 'kickoff-questionnaire')).toMatchObject({
      triggerKind: 'previous_action',
      afterActionKey: null,
      dueAt: NOW,
    });
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { entityId: welcome.id } });
    expect(audit).toMatchObject({ fromState: 'pending', toState: 'removed', actor: tm.csm.userId });
    expect(await outsideTheAccount(tm)).toEqual(outside);
  });

  it('a customer answer waited on through the removed action is still waited on', async () => {
    const { ctx, team: tm } = await team();
    const sso = await action(tm.accountId, 'configure-sso');
    await removePlanAction(ctx, { organizationId: tm.organizationId, actor: tm.csm, actionId: sso.id });
    expect(await action(tm.accountId, 'sso-ready-message')).toMatchObject({
      triggerKind: 'submission',
      afterActionKey: 'technical-details',
      dueAt: null,
    });
    const plan = await getAccountPlan(ctx, { organizationId: tm.organizationId, accountId: tm.accountId });
    expect(whyOf(plan, 'Single sign-on ready')).toBe('waits for the customer to answer *Technical details form*');
  });

  it('refuses an action already done', async () => {
    const { ctx, team: tm } = await team();
    await fire(ctx);
    const prep = await action(tm.accountId, 'kickoff-prep');
    await completeInternalTask(
      ctx,
      { notifier: new RecordingNotifier() },
      { organizationId: tm.organizationId, actionId: prep.id, actor: tm.csm },
    );
    const error = await refusal(
      removePlanAction(ctx, { organizationId: tm.organizationId, actor: tm.csm, actionId: prep.id }),
    );
    expect(error.code).toBe('illegal_transition');
    expect(error.message).toContain('only an action not sent yet can be removed');
  });
});

describe('changing an action’s due date', () => {
  it('sets a day and time in the organisation’s zone, audited', async () => {
    const { ctx, team: tm } = await team();
    await updateSettings(ctx, {
      organizationId: tm.organizationId,
      actor: tm.admin,
      settings: { timezone: 'Europe/Berlin' },
    });
    const recap = await action(tm.accountId, 'success-plan-recap');
    const changed = await changeActionDueDate(ctx, {
      organizationId: tm.organizationId,
      actor: tm.csm,
      actionId: recap.id,
      date: '2026-03-05',
      time: '14:30',
    });
    expect(changed.dueAt).toEqual(new Date('2026-03-05T13:30:00Z'));
    const account = await t.db.prisma.account.findUniqueOrThrow({ where: { id: tm.accountId } });
    expect(account.nextActionAt!.getTime()).toBeLessThanOrEqual(changed.dueAt.getTime());
    const plan = await getAccountPlan(ctx, { organizationId: tm.organizationId, accountId: tm.accountId });
    expect(whyOf(plan, 'Kickoff recap and success plan')).toBe('due Thu 5 Mar 14:30');
  });

  it('refuses a time that has passed and an action that has fired', async () => {
    const { ctx, team: tm } = await team();
    const recap = await action(tm.accountId, 'success-plan-recap');
    const past = await refusal(
      changeActionDueDate(ctx, {
        organizationId: tm.organizationId,
        actor: tm.csm,
        actionId: recap.id,
        date: '2026-03-02',
        time: '08:00',
      }),
    );
    expect(past.fields[0]).toEqual({ field: 'date', message: 'Mon 2 Mar 08:00 has passed; pick a time from now on.' });
    await fire(ctx);
    const welcome = await action(tm.accountId, 'welcome-email');
    const fired = await refusal(
      changeActionDueDate(ctx, {
        organizationId: tm.organizationId,
        actor: tm.csm,
        actionId: welcome.id,
        date: '2026-03-09',
        time: '09:00',
      }),
    );
    expect(fired.code).toBe('illegal_transition');
  });
});

describe('moving an action', () => {
  it('to another milestone: positions stay in plan order and a milestone-start trigger follows its new milestone', async () => {
    const { ctx, team: tm } = await team();
    const kickoff = await milestone(tm.accountId, 0);
    const intro = await action(tm.accountId, 'technical-setup-intro');
    expect(intro.dueAt).toBeNull();
    const moved = await movePlanAction(ctx, {
      organizationId: tm.organizationId,
      actor: tm.csm,
      actionId: intro.id,
      placement: { milestoneId: kickoff.id, afterActionId: null },
    });
    expect(moved).toMatchObject({ moved: true, dueAt: new Date('2026-03-02T09:00:00Z') });
    const order = await t.db.prisma.action.findMany({
      where: { accountId: tm.accountId },
      orderBy: { position: 'asc' },
    });
    expect(order[0]!.key).toBe('technical-setup-intro');
    expect(order.map((a) => a.position)).toEqual(order.map((_, i) => i));
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({
      where: { entityId: intro.id, reason: 'moved in the plan' },
    });
    expect(audit).toMatchObject({ fromState: 'Technical Setup, first', toState: 'Kickoff, first' });
  });

  it('refuses to put an action before the one it waits on', async () => {
    const { ctx, team: tm } = await team();
    const kickoff = await milestone(tm.accountId, 0);
    const questionnaire = await action(tm.accountId, 'kickoff-questionnaire');
    const error = await refusal(
      movePlanAction(ctx, {
        organizationId: tm.organizationId,
        actor: tm.csm,
        actionId: questionnaire.id,
        placement: { milestoneId: kickoff.id, afterActionId: null },
      }),
    );
    expect(error.fields[0]).toEqual({
      field: 'placement',
      message: '"Kickoff questionnaire" waits for "Welcome email", so it must come after it in the plan.',
    });
  });
});

describe('the kickoff and planned dates', () => {
  it('moving the kickoff a week later moves the plan, the first milestone’s start and what counts from them', async () => {
    const { ctx, team: tm } = await team();
    const before = await outsideTheAccount(tm);
    const changed = await changeKickoffDate(ctx, {
      organizationId: tm.organizationId,
      actor: tm.csm,
      accountId: tm.accountId,
      kickoffDate: '2026-03-09',
    });
    expect(changed).toMatchObject({ changed: true, milestonesMoved: 5 });
    const account = await t.db.prisma.account.findUniqueOrThrow({
      where: { id: tm.accountId },
      include: { milestones: { orderBy: { position: 'asc' } } },
    });
    expect(day(account.kickoffDate)).toBe('2026-03-09');
    expect(account.milestones.map((m) => day(m.plannedStartDate))).toEqual([
      '2026-03-09',
      '2026-03-16',
      '2026-03-30',
      '2026-04-20',
      '2026-04-29',
    ]);
    expect(account.milestones[0]!.startedAt).toEqual(new Date('2026-03-09T09:00:00Z'));
    expect(day(account.goLiveDate)).toBe(day(account.milestones[4]!.plannedEndDate));
    expect((await action(tm.accountId, 'welcome-email')).dueAt).toEqual(new Date('2026-03-09T09:00:00Z'));
    expect((await action(tm.accountId, 'kickoff-prep')).dueAt).toEqual(new Date('2026-03-05T09:00:00Z'));
    const audits = await t.db.prisma.auditEvent.findMany({
      where: { accountId: tm.accountId, reason: { contains: 'kickoff' } },
    });
    expect(audits.length).toBeGreaterThanOrEqual(1 + 5);
    expect(await outsideTheAccount(tm)).toEqual(before);
  });

  it('shifting a milestone moves the later ones and the planned go-live, and refuses to overlap the one before', async () => {
    const { ctx, team: tm } = await team();
    const setup = await milestone(tm.accountId, 1);
    const shifted = await shiftMilestoneDates(ctx, {
      organizationId: tm.organizationId,
      actor: tm.admin,
      milestoneId: setup.id,
      plannedStartDate: '2026-03-11',
    });
    expect(shifted.moved).toHaveLength(4);
    const milestones = await t.db.prisma.milestone.findMany({
      where: { accountId: tm.accountId },
      orderBy: { position: 'asc' },
    });
    expect(milestones.map((m) => day(m.plannedStartDate))).toEqual([
      '2026-03-02',
      '2026-03-11',
      '2026-03-25',
      '2026-04-15',
      '2026-04-24',
    ]);
    const error = await refusal(
      shiftMilestoneDates(ctx, {
        organizationId: tm.organizationId,
        actor: tm.admin,
        milestoneId: setup.id,
        plannedStartDate: '2026-03-04',
      }),
    );
    expect(error.fields[0]).toMatchObject({
      field: 'plannedStartDate',
      message: expect.stringContaining('earliest start is 2026-03-09'),
    });
  });

  it('a milestone completed late pushes the milestones after the next one out, and the go-live with them', async () => {
    const { ctx, team: tm } = await team();
    const before = await t.db.prisma.milestone.findMany({
      where: { accountId: tm.accountId },
      orderBy: { position: 'asc' },
    });
    const kickoff = before[0]!;
    // Kickoff was planned to end Friday 6 March; it completes Wednesday 11 March.
    ctx.setNow('2026-03-11T15:00:00Z');
    await completeMilestone(ctx, {
      organizationId: tm.organizationId,
      milestoneId: kickoff.id,
      actor: { userId: tm.csm.userId },
      overrideReason: 'moving on',
    });
    const after = await t.db.prisma.milestone.findMany({
      where: { accountId: tm.accountId },
      orderBy: { position: 'asc' },
    });
    // Technical Setup keeps its plan (its actual start is measured against it); Implementation starts three
    // business days later than planned, and everything after follows.
    expect(day(after[1]!.plannedStartDate)).toBe(day(before[1]!.plannedStartDate));
    expect(after.slice(2).map((m) => day(m.plannedStartDate))).toEqual(['2026-03-25', '2026-04-15', '2026-04-24']);
    const account = await t.db.prisma.account.findUniqueOrThrow({ where: { id: tm.accountId } });
    expect(day(account.goLiveDate)).toBe(day(after[4]!.plannedEndDate));
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({
      where: { entityId: after[2]!.id, reason: { contains: 'completed on' } },
    });
    expect(audit.reason).toBe('Kickoff completed on 2026-03-11');
  });

  it('a milestone started late by hand pushes the ones after it', async () => {
    const { ctx, team: tm } = await team();
    const milestones = await t.db.prisma.milestone.findMany({
      where: { accountId: tm.accountId },
      orderBy: { position: 'asc' },
    });
    ctx.setNow('2026-04-01T10:00:00Z'); // Implementation was planned to start 2026-03-23
    await startMilestone(ctx, {
      organizationId: tm.organizationId,
      milestoneId: milestones[2]!.id,
      actor: { userId: tm.csm.userId },
    });
    const after = await t.db.prisma.milestone.findMany({
      where: { accountId: tm.accountId },
      orderBy: { position: 'asc' },
    });
    expect(day(after[2]!.plannedStartDate)).toBe(day(milestones[2]!.plannedStartDate));
    expect(day(after[3]!.plannedStartDate)).toBe('2026-04-22');
  });
});

describe('who may change a plan', () => {
  type Attempt = (ctx: ServiceContext, tm: PlanTeam, actor: { userId: string }) => Promise<unknown>;
  const ATTEMPTS: [string, Attempt][] = [
    [
      'addPlanAction',
      async (ctx, tm, actor) =>
        addPlanAction(ctx, {
          organizationId: tm.organizationId,
          actor,
          accountId: tm.accountId,
          placement: { milestoneId: (await milestone(tm.accountId, 0)).id, afterActionId: null },
          source: { kind: 'ad_hoc', name: 'Sneaky', type: 'email', triggerKind: 'manual', delayDays: 0 },
        }),
    ],
    [
      'removePlanAction',
      async (ctx, tm, actor) =>
        removePlanAction(ctx, {
          organizationId: tm.organizationId,
          actor,
          actionId: (await action(tm.accountId, 'welcome-email')).id,
        }),
    ],
    [
      'changeActionDueDate',
      async (ctx, tm, actor) =>
        changeActionDueDate(ctx, {
          organizationId: tm.organizationId,
          actor,
          actionId: (await action(tm.accountId, 'success-plan-recap')).id,
          date: '2026-03-10',
          time: '09:00',
        }),
    ],
    [
      'movePlanAction',
      async (ctx, tm, actor) =>
        movePlanAction(ctx, {
          organizationId: tm.organizationId,
          actor,
          actionId: (await action(tm.accountId, 'success-plan-recap')).id,
          placement: { milestoneId: (await milestone(tm.accountId, 1)).id, afterActionId: null },
        }),
    ],
    [
      'changeKickoffDate',
      (ctx, tm, actor) =>
        changeKickoffDate(ctx, {
          organizationId: tm.organizationId,
          actor,
          accountId: tm.accountId,
          kickoffDate: '2026-03-16',
        }),
    ],
    [
      'shiftMilestoneDates',
      async (ctx, tm, actor) =>
        shiftMilestoneDates(ctx, {
          organizationId: tm.organizationId,
          actor,
          milestoneId: (await milestone(tm.accountId, 2)).id,
          plannedStartDate: '2026-04-01',
        }),
    ],
  ];
  const OUTSIDERS: [string, 'viewer' | 'ae' | 'otherCsm', RegExp][] = [
    ['a viewer', 'viewer', /your role \(viewer\) can read accounts but not change them/],
    ['an AE', 'ae', /your role \(account executive\) can read accounts but not change them/],
    ["another account's CSM", 'otherCsm', /you are not the CSM of Umbrella Freight/],
  ];

  it('the operator’s command line acts with an admin’s rights, and is audited as such', async () => {
    const { ctx, team: tm } = await team();
    const setup = await milestone(tm.accountId, 1);
    await shiftMilestoneDates(ctx, {
      organizationId: tm.organizationId,
      actor: 'cli',
      milestoneId: setup.id,
      plannedStartDate: '2026-03-10',
    });
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({
      where: { entityId: setup.id, reason: { contains: 'shifted' } },
    });
    expect(audit.actor).toBe('cli');
  });

  it.each(ATTEMPTS)(
    '%s refuses a viewer, an AE and another account’s CSM, and changes nothing',
    async (_name, attempt) => {
      const { ctx, team: tm } = await team();
      const snapshot = () =>
        t.db.prisma.account.findUniqueOrThrow({
          where: { id: tm.accountId },
          include: { milestones: { orderBy: { position: 'asc' } }, actions: { orderBy: { position: 'asc' } } },
        });
      const before = await snapshot();
      const audits = () => t.db.prisma.auditEvent.count({ where: { accountId: tm.accountId } });
      const auditsBefore = await audits();
      for (const [, who, why] of OUTSIDERS) {
        const error = await refusal(attempt(ctx, tm, tm[who]));
        expect(error.code).toBe('forbidden');
        expect(error.message).toMatch(why);
      }
      expect(await snapshot()).toEqual(before);
      expect(await audits()).toBe(auditsBefore);
      // The account's own CSM may.
      await attempt(ctx, tm, tm.csm);
    },
  );
});
