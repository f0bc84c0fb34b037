import type { TemplateSpec } from '../../../src/domain/template';
import { startActionNow } from '../../../src/services/plan/start-action-now';
import { getReviewCard } from '../../../src/services/review/get-review-card';
import { skipAction } from '../../../src/services/review/skip-action';
import { runTick } from '../../../src/services/scheduler/run-tick';
import { buildReviewCard } from '../../../src/slack/blocks/review-card';
import { textOf } from '../../support/block-kit';
import { FakeSlackApi } from '../../support/fake-slack-api';
import { RecordingNotifier } from '../../support/recording-notifier';
import { serviceContext, type TestServiceContext } from '../../support/service-context';
import { useSmtpCapture } from '../../support/smtp-capture';
import { useTestDatabase } from '../../support/test-database';
import { spec } from '../scheduler/scheduler-fixtures';
import { setUpPlan, type PlanTeam } from './plan-fixture';

const t = useTestDatabase();
const smtp = useSmtpCapture();
const slack = new FakeSlackApi();

beforeAll(async () => {
  await slack.start();
});
afterAll(async () => {
  await slack.stop();
});

const TEMPLATE: TemplateSpec = {
  name: 'Skippable',
  description: '',
  milestones: [
    {
      name: 'Kickoff',
      plannedDays: 5,
      exitCriteria: '',
      description: '',
      actions: [
        spec('welcome', 'email', { kind: 'milestone_start', delayDays: 0 }),
        spec(
          'questions',
          'portal_form',
          { kind: 'previous_action', delayDays: 1 },
          { formFields: [{ key: 'sso', label: 'SSO provider', kind: 'text', required: true }] },
        ),
        spec('read-answers', 'internal_task', { kind: 'submission', delayDays: 0 }),
        spec('recap', 'email', { kind: 'manual', delayDays: 0 }),
      ],
    },
  ],
};

let ctx: TestServiceContext;
let plan: PlanTeam;
const tick = () => runTick(ctx, { notifier: new RecordingNotifier(), canNotify: false });

beforeEach(async () => {
  // Monday 2 March 2026, UTC, Monday to Friday.
  ctx = serviceContext(t.db, '2026-03-02T10:00:00Z');
  plan = await setUpPlan(ctx, {
    template: TEMPLATE,
    smtpUrl: smtp.url,
    slackApiUrl: slack.apiUrl,
    kickoffDate: '2026-03-02',
  });
  plan.deps.close();
});

describe('skipping an action', () => {
  it('releases what waits on it as if it were done at skip time, and the released card says why it fires', async () => {
    await tick();
    const csm = { userId: plan.csmUserId, role: 'csm' as const };
    const welcome = await plan.action('welcome');
    const skippedWelcome = await skipAction(ctx, {
      organizationId: plan.organizationId,
      actionId: welcome.id,
      actor: csm,
    });
    // The questionnaire waited on the welcome being sent: one business day after the skip.
    expect(skippedWelcome.released.map((a) => [a.name, a.dueAt.toISOString()])).toEqual([
      ['Action questions', '2026-03-03T10:00:00.000Z'],
    ]);

    // Skipped before it fired: what waits on the customer's answer is released too.
    ctx.setNow('2026-03-02T11:00:00Z');
    const questions = await plan.action('questions');
    await skipAction(ctx, { organizationId: plan.organizationId, actionId: questions.id, actor: csm });
    const readAnswers = await plan.action('read-answers');
    expect(readAnswers.dueAt?.toISOString()).toBe('2026-03-02T11:00:00.000Z');
    expect(
      await t.db.prisma.auditEvent.findFirst({
        where: { entityType: 'action', entityId: readAnswers.id },
        select: { actor: true, reason: true },
      }),
    ).toEqual({ actor: plan.csmUserId, reason: 'due because "Action questions" was skipped' });

    expect((await tick()).fire?.fired.map((a) => a.name)).toEqual(['Action read-answers']);
    const card = buildReviewCard(await getReviewCard(ctx, { actionId: readAnswers.id }));
    expect(textOf(card.blocks)).toContain('Fires because *Action questions* was skipped.');
    // An action released the ordinary way says nothing of the kind.
    expect(textOf(buildReviewCard(await getReviewCard(ctx, { actionId: welcome.id })).blocks)).not.toContain(
      'Fires because',
    );
  });

  it('skipping twice releases once', async () => {
    const csm = { userId: plan.csmUserId, role: 'csm' as const };
    const questions = await plan.action('questions');
    const first = await skipAction(ctx, { organizationId: plan.organizationId, actionId: questions.id, actor: csm });
    const second = await skipAction(ctx, { organizationId: plan.organizationId, actionId: questions.id, actor: csm });
    expect([first.released.length, second.changed, second.released]).toEqual([1, false, []]);
    const readAnswers = await plan.action('read-answers');
    expect(await t.db.prisma.auditEvent.count({ where: { entityId: readAnswers.id } })).toBe(1);
  });
});

describe('Start now', () => {
  it('the CSM makes a manual action due now; the next tick fires it; a second click changes nothing', async () => {
    const recap = await plan.action('recap');
    await tick();
    expect((await plan.action('recap')).status).toBe('pending');

    const started = await startActionNow(ctx, {
      organizationId: plan.organizationId,
      actor: { userId: plan.csmUserId },
      actionId: recap.id,
    });
    expect(started).toMatchObject({ actionName: 'Action recap', accountName: 'Acme Rockets', changed: true });
    expect((await plan.action('recap')).dueAt?.toISOString()).toBe('2026-03-02T10:00:00.000Z');
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { entityId: recap.id } });
    expect(audit).toMatchObject({ actor: plan.csmUserId, reason: 'started by hand ("Start now")' });

    ctx.setNow('2026-03-02T10:00:30Z');
    const again = await startActionNow(ctx, {
      organizationId: plan.organizationId,
      actor: { userId: plan.csmUserId },
      actionId: recap.id,
    });
    expect(again).toMatchObject({ changed: false, dueAt: new Date('2026-03-02T10:00:00Z') });
    expect(await t.db.prisma.auditEvent.count({ where: { entityId: recap.id } })).toBe(1);

    expect((await tick()).fire?.fired.map((a) => a.name)).toEqual(['Action recap']);
    expect((await plan.action('recap')).status).toBe('ready');
    await expect(
      startActionNow(ctx, {
        organizationId: plan.organizationId,
        actor: { userId: plan.csmUserId },
        actionId: recap.id,
      }),
    ).rejects.toMatchObject({
      code: 'illegal_transition',
      message: '"Action recap" has already started (it is ready for review).',
    });
  });

  it('is for the account CSM and admins only, and only for manual actions', async () => {
    const recap = await plan.action('recap');
    const start = (actor: { userId: string } | 'cli', actionId = recap.id) =>
      startActionNow(ctx, { organizationId: plan.organizationId, actor, actionId });
    await expect(start({ userId: plan.otherCsmUserId })).rejects.toMatchObject({
      code: 'forbidden',
      message: "only the account's CSM or an admin can start actions, and you are not the CSM of Acme Rockets.",
    });
    await expect(start({ userId: plan.viewerUserId })).rejects.toMatchObject({
      code: 'forbidden',
      message:
        "only the account's CSM or an admin can start actions, and your role (viewer) can read accounts but not change them.",
    });
    await expect(start({ userId: plan.csmUserId }, (await plan.action('welcome')).id)).rejects.toMatchObject({
      code: 'validation_failed',
      message: '"Action welcome" starts by its own trigger; only manual actions are started by hand.',
    });
    expect((await plan.action('recap')).dueAt).toBeNull();
    expect(await start({ userId: plan.adminUserId })).toMatchObject({ changed: true });
    expect(await start('cli')).toMatchObject({ changed: false });
  });

  it('does not find an action of another organisation', async () => {
    const recap = await plan.action('recap');
    await expect(
      startActionNow(ctx, { organizationId: 'org-elsewhere', actor: 'cli', actionId: recap.id }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
