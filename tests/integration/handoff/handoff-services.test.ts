import { DEFAULT_HANDOFF_QUESTIONS } from '../../../src/domain/handoff-questions';
import { createAccount } from '../../../src/services/accounts/create-account';
import { changeKickoffDate } from '../../../src/services/plan/change-kickoff-date';
import { listHandoffQuestions } from '../../../src/services/handoff/list-handoff-questions';
import { removeHandoffQuestion } from '../../../src/services/handoff/remove-handoff-question';
import { seedDemo } from '../../../src/services/seed/seed-demo';
import { buildDraftRequest, loadActionForDrafting } from '../../../src/services/drafting/build-draft-context';
import { startPlanWithoutHandoff } from '../../../src/services/handoff/start-plan-without-handoff';
import { submitHandoff } from '../../../src/services/handoff/submit-handoff';
import { openHandoff } from '../../../src/services/handoff/open-handoff';
import { RecordingNotifier } from '../../support/recording-notifier';
import { refusal } from '../../support/refusal';
import { serviceContext } from '../../support/service-context';
import { useTestDatabase } from '../../support/test-database';
import { handoffAccount, setUpHandoffTeam } from './handoff-fixture';

const t = useTestDatabase();
/** Tuesday 24 November 2026, 10:00 UTC (the organisation's zone). */
const NOW = '2026-11-24T10:00:00Z';

const SUCCESS = { success_criteria: 'Every warehouse live before the peak season' };

/** The plan as the scheduler and the card see it: milestones and actions by position, with their dates. */
async function planOf(accountId: string) {
  const account = await t.db.prisma.account.findUniqueOrThrow({
    where: { id: accountId },
    select: {
      status: true,
      kickoffDate: true,
      goLiveDate: true,
      nextActionAt: true,
      milestones: {
        orderBy: { position: 'asc' },
        select: { name: true, status: true, startedAt: true, plannedStartDate: true, plannedEndDate: true },
      },
      actions: { orderBy: { position: 'asc' }, select: { key: true, status: true, dueAt: true } },
    },
  });
  return account;
}

describe('the default handoff questions', () => {
  it('a new organisation starts with them, audited; the demo seed adds them once and keeps what admins changed', async () => {
    const ctx = serviceContext(t.db, NOW);
    const team = await setUpHandoffTeam(ctx);
    const keys = DEFAULT_HANDOFF_QUESTIONS.map((q) => q.key);
    expect((await listHandoffQuestions(ctx, { organizationId: team.organizationId })).map((q) => q.key)).toEqual(keys);
    expect(
      await t.db.prisma.auditEvent.count({
        where: { organizationId: team.organizationId, reason: 'the 8 default handoff questions' },
      }),
    ).toBe(1);

    // The demo seed in the organisation the command line works in (the oldest one): nothing added twice.
    const seats = (await listHandoffQuestions(ctx, { organizationId: team.organizationId }))[1]!;
    await removeHandoffQuestion(ctx, { organizationId: team.organizationId, actor: team.admin, questionId: seats.id });
    const seeded = await seedDemo(ctx);
    await seedDemo(ctx);
    expect(seeded.organizationId).toBe(team.organizationId);
    const after = await listHandoffQuestions(ctx, { organizationId: team.organizationId, includeRemoved: true });
    expect(after.map((q) => [q.key, q.active])).toEqual([
      ...keys.filter((k) => k !== 'seats').map((k) => [k, true]),
      ['seats', false],
    ]);
  });
});

describe('submitting a handoff starts the plan', () => {
  it('as createAccount starts a plan: from the kickoff the handoff agreed, with the same dates and due times', async () => {
    const ctx = serviceContext(t.db, NOW);
    const team = await setUpHandoffTeam(ctx);
    const pending = await handoffAccount(ctx, team, 'Acme Robotics', { kickoffDate: '2026-11-26' });
    const before = await planOf(pending);
    expect(before.status).toBe('pending_handoff');
    expect(before.milestones.every((m) => m.status === 'pending' && m.startedAt === null)).toBe(true);
    expect(before.actions.every((a) => a.dueAt === null)).toBe(true);

    const submitted = await submitHandoff(ctx, {
      organizationId: team.organizationId,
      accountId: pending,
      actor: { userId: team.ae.userId },
      answers: { ...SUCCESS, kickoff_date: '2026-12-02', integrations: ['API', 'SSO'] },
    });
    expect(submitted).toMatchObject({ planStarted: true, kickoffDate: '2026-12-02', submittedByName: 'Alex Kim' });

    // The same template started at once on the same kickoff, as /thread new without a handoff does.
    const twin = await createAccount(ctx, {
      organizationId: team.organizationId,
      name: 'Twin',
      templateName: team.templateName,
      kickoffDate: '2026-12-02',
      actor: { userId: team.csm.userId },
    });
    const started = await planOf(pending);
    const expected = await planOf(twin.id);
    expect(started.status).toBe('active');
    expect(started.kickoffDate).toEqual(expected.kickoffDate);
    expect(started.goLiveDate).toEqual(expected.goLiveDate);
    expect(started.nextActionAt).toEqual(expected.nextActionAt);
    expect(started.milestones).toEqual(expected.milestones);
    expect(started.actions).toEqual(expected.actions);
    expect(started.actions.filter((a) => a.dueAt !== null).length).toBeGreaterThan(0);

    const audit = await t.db.prisma.auditEvent.findMany({
      where: { accountId: pending },
      orderBy: { at: 'asc' },
      select: { entityType: true, fromState: true, toState: true, actor: true },
    });
    expect(audit).toEqual(
      expect.arrayContaining([
        { entityType: 'handoff', fromState: null, toState: 'submitted', actor: team.ae.userId },
        { entityType: 'account', fromState: '2026-11-26', toState: '2026-12-02', actor: team.ae.userId },
        { entityType: 'milestone', fromState: 'pending', toState: 'in_progress', actor: team.ae.userId },
        { entityType: 'account', fromState: 'pending_handoff', toState: 'active', actor: team.ae.userId },
      ]),
    );
  });

  it('a kickoff moved while it waits gives nothing a due time; the plan then starts from the handoff’s own kickoff', async () => {
    const ctx = serviceContext(t.db, NOW);
    const team = await setUpHandoffTeam(ctx);
    const pending = await handoffAccount(ctx, team, 'Acme Robotics', { kickoffDate: '2026-11-26' });
    await changeKickoffDate(ctx, {
      organizationId: team.organizationId,
      accountId: pending,
      kickoffDate: '2026-11-30',
      actor: { userId: team.csm.userId },
    });
    const moved = await planOf(pending);
    expect(moved.kickoffDate.toISOString().slice(0, 10)).toBe('2026-11-30');
    expect(moved.actions.filter((a) => a.dueAt !== null)).toEqual([]);

    await submitHandoff(ctx, {
      organizationId: team.organizationId,
      accountId: pending,
      actor: { userId: team.ae.userId },
      answers: { ...SUCCESS, kickoff_date: '2026-12-03' },
    });
    const twin = await createAccount(ctx, {
      organizationId: team.organizationId,
      name: 'Twin',
      templateName: team.templateName,
      kickoffDate: '2026-12-03',
      actor: { userId: team.csm.userId },
    });
    const started = await planOf(pending);
    expect(started.actions).toEqual((await planOf(twin.id)).actions);
  });

  it('from today when the planned kickoff has passed and the handoff names none', async () => {
    const ctx = serviceContext(t.db, NOW);
    const team = await setUpHandoffTeam(ctx);
    const pending = await handoffAccount(ctx, team, 'Late Deal', { kickoffDate: '2026-11-02' });
    const done = await submitHandoff(ctx, {
      organizationId: team.organizationId,
      accountId: pending,
      actor: { userId: team.csm.userId },
      answers: SUCCESS,
    });
    expect(done.kickoffDate).toBe('2026-11-24');
    const twin = await createAccount(ctx, {
      organizationId: team.organizationId,
      name: 'Twin today',
      templateName: team.templateName,
      actor: { userId: team.csm.userId },
    });
    expect((await planOf(pending)).actions).toEqual((await planOf(twin.id)).actions);
    expect((await planOf(pending)).milestones).toEqual((await planOf(twin.id)).milestones);
  });

  it('writes nothing when a required answer is missing or an answer is not valid, naming each question', async () => {
    const ctx = serviceContext(t.db, NOW);
    const team = await setUpHandoffTeam(ctx);
    const pending = await handoffAccount(ctx, team, 'Acme Robotics');
    const error = await refusal(
      submitHandoff(ctx, {
        organizationId: team.organizationId,
        accountId: pending,
        actor: { userId: team.ae.userId },
        answers: { seats: 'forty', integrations: ['SSO', 'Telepathy'], requirements: 'A dashboard' },
      }),
    );
    expect(error.code).toBe('validation_failed');
    expect(error.fields).toEqual([
      { field: 'answers.seats', message: 'Enter a number, like 120000 or 49.5.' },
      { field: 'answers.integrations', message: 'Choose from the options listed.' },
      { field: 'answers.success_criteria', message: 'This question needs an answer.' },
    ]);
    expect(await t.db.prisma.handoffAnswer.count()).toBe(0);
    expect((await planOf(pending)).status).toBe('pending_handoff');
    expect(await t.db.prisma.handoff.count({ where: { submittedAt: { not: null } } })).toBe(0);
  });

  it('lets only the account’s AE, its CSM or an admin submit, and refuses a second handoff politely', async () => {
    const ctx = serviceContext(t.db, NOW);
    const team = await setUpHandoffTeam(ctx);
    const pending = await handoffAccount(ctx, team, 'Acme Robotics');
    const about = { organizationId: team.organizationId, accountId: pending, answers: SUCCESS };
    const other = await refusal(submitHandoff(ctx, { ...about, actor: team.otherCsm }));
    expect(other.code).toBe('forbidden');
    expect(other.message).toBe(
      'only the account executive of Acme Robotics (Alex Kim), its CSM or an admin can fill in its handoff.',
    );
    await submitHandoff(ctx, { ...about, actor: team.admin });
    const again = await refusal(submitHandoff(ctx, { ...about, actor: { userId: team.ae.userId } }));
    expect(again.code).toBe('conflict');
    expect(again.message).toMatch(
      /^the handoff for Acme Robotics was already submitted by .+ on 2026-11-24 at 10:00 UTC/,
    );
    expect(await t.db.prisma.handoffAnswer.count()).toBe(1);
  });

  it('goes into the drafting context as people read it, once it is submitted', async () => {
    const ctx = serviceContext(t.db, NOW);
    const team = await setUpHandoffTeam(ctx);
    const pending = await handoffAccount(ctx, team, 'Acme Robotics');
    const firstAction = await t.db.prisma.action.findFirstOrThrow({
      where: { accountId: pending },
      orderBy: { position: 'asc' },
    });
    const contextNow = async () =>
      (await buildDraftRequest(ctx, await loadActionForDrafting(ctx, firstAction.id))).stable.handoffAnswers;
    await openHandoff(
      ctx,
      { notifier: new RecordingNotifier() },
      {
        organizationId: team.organizationId,
        accountId: pending,
        actor: { userId: team.csm.userId },
      },
    );
    expect(await contextNow()).toEqual([]);
    await submitHandoff(ctx, {
      organizationId: team.organizationId,
      accountId: pending,
      actor: { userId: team.ae.userId },
      answers: { ...SUCCESS, integrations: ['API', 'SSO'], seats: '1,200', promised_go_live: '2027-03-15' },
    });
    expect(await contextNow()).toEqual([
      { question: 'Go-live date promised to the customer', answer: '2027-03-15' },
      { question: 'Seats / licences sold', answer: '1200' },
      { question: 'Integrations or requirements promised', answer: 'SSO, API' },
      { question: 'What success looks like for the customer', answer: SUCCESS.success_criteria },
    ]);
  });
});

describe('starting the plan without the handoff', () => {
  it('needs the account’s CSM or an admin and a reason; the handoff is still taken afterwards', async () => {
    const ctx = serviceContext(t.db, NOW);
    const team = await setUpHandoffTeam(ctx);
    const pending = await handoffAccount(ctx, team, 'Acme Robotics', { kickoffDate: '2026-11-30' });
    const about = { organizationId: team.organizationId, accountId: pending };

    expect((await refusal(startPlanWithoutHandoff(ctx, { ...about, actor: team.otherCsm, reason: 'x' }))).code).toBe(
      'forbidden',
    );
    expect((await refusal(startPlanWithoutHandoff(ctx, { ...about, actor: team.ae, reason: 'x' }))).code).toBe(
      'forbidden',
    );
    const blank = await refusal(startPlanWithoutHandoff(ctx, { ...about, actor: team.csm, reason: '  ' }));
    expect(blank.fields).toEqual([
      { field: 'reason', message: 'Say why the plan cannot wait for the handoff; the reason is kept on the account.' },
    ]);
    expect((await planOf(pending)).status).toBe('pending_handoff');

    const started = await startPlanWithoutHandoff(ctx, {
      ...about,
      actor: team.csm,
      reason: 'The customer booked the kickoff; the AE is on leave.',
    });
    expect(started.kickoffDate).toBe('2026-11-30');
    expect((await planOf(pending)).status).toBe('active');
    expect((await planOf(pending)).milestones[0]!.status).toBe('in_progress');
    const handoff = await t.db.prisma.handoff.findUniqueOrThrow({ where: { accountId: pending } });
    expect(handoff).toMatchObject({
      startedWithoutHandoffById: team.csm.userId,
      startedWithoutHandoffReason: 'The customer booked the kickoff; the AE is on leave.',
      submittedAt: null,
    });
    expect(
      await t.db.prisma.auditEvent.count({ where: { entityType: 'handoff', toState: 'started_without_handoff' } }),
    ).toBe(1);
    expect((await refusal(startPlanWithoutHandoff(ctx, { ...about, actor: team.csm, reason: 'again' }))).code).toBe(
      'illegal_transition',
    );

    const plan = await planOf(pending);
    const late = await submitHandoff(ctx, {
      ...about,
      actor: { userId: team.ae.userId },
      answers: { ...SUCCESS, kickoff_date: '2027-01-04' },
    });
    expect(late).toMatchObject({ planStarted: false, kickoffDate: null });
    // Nothing about the running plan changed: it no longer waits for the handoff.
    expect(await planOf(pending)).toEqual(plan);
  });
});
