/**
 * The shipped template played from kickoff to its last milestone on the real database, through the services a
 * person, the customer and the scheduler use: ticks fire what is due, the CSM executes, finishes tasks, starts the
 * manual actions and completes milestones; the customer answers forms, uploads documents and replies. The
 * in-memory property (tests/unit/domain/plan-reaches-the-end.property.test.ts) plays thousands of orders; this
 * checks the services wire the same rules to the database.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createLocalDiskStorage } from '../../../src/connectors/storage/local-disk-storage';
import { isOpenAction } from '../../../src/domain/action-state';
import { parseFormFields } from '../../../src/domain/portal-form';
import type { FormField } from '../../../src/domain/template';
import { completeMilestone } from '../../../src/services/milestones/complete-milestone';
import { completeInternalTask } from '../../../src/services/execution/complete-internal-task';
import { executeAction } from '../../../src/services/execution/execute-action';
import { markCustomerResponded } from '../../../src/services/execution/mark-customer-responded';
import { startActionNow } from '../../../src/services/plan/start-action-now';
import { submitPortalForm } from '../../../src/services/portal/submit-portal-form';
import { uploadPortalDocument } from '../../../src/services/portal/upload-portal-document';
import { skipAction } from '../../../src/services/review/skip-action';
import { runTick } from '../../../src/services/scheduler/run-tick';
import { DEMO_TEMPLATE_FILE } from '../../../src/services/seed/seed-demo';
import { readTemplateFile } from '../../../src/services/templates/read-template-file';
import { FakeSlackApi } from '../../support/fake-slack-api';
import { RecordingNotifier } from '../../support/recording-notifier';
import { serviceContext, type TestServiceContext } from '../../support/service-context';
import { useSmtpCapture } from '../../support/smtp-capture';
import { useTestDatabase } from '../../support/test-database';
import { PUBLIC_URL, setUpPlan, type PlanTeam } from './plan-fixture';

const t = useTestDatabase();
const smtp = useSmtpCapture();
const slack = new FakeSlackApi();
const uploadDir = mkdtempSync(path.join(os.tmpdir(), 'thread-plan-end-'));
const notifier = new RecordingNotifier();

beforeAll(async () => {
  await slack.start();
});
afterAll(async () => {
  await slack.stop();
});

/** A valid answer to each question, as a customer would type it. */
function answerTo(field: FormField): string {
  switch (field.kind) {
    case 'email':
      return 'it.admin@acme-rockets.io';
    case 'url':
      return 'https://acme-rockets.io/sso/metadata';
    case 'number':
      return '25';
    case 'date':
      return '2026-04-15';
    case 'select':
      return field.options?.[0] ?? '';
    case 'checkbox':
      return 'yes';
    default:
      return 'Answered by Wile';
  }
}

/**
 * One step at a time, as people would: whatever is there to do now is done; when nothing is, time moves to the
 * next due action and the scheduler ticks. Returns the actions skipped before they fired.
 */
async function playToTheEnd(
  ctx: TestServiceContext,
  plan: PlanTeam,
  o: { skip: readonly string[] },
): Promise<string[]> {
  const csm = { userId: plan.csmUserId, role: 'csm' as const };
  const session = await plan.portalSession();
  const skippedUnfired: string[] = [];
  for (let step = 0; step < 400; step++) {
    await runTick(ctx, { notifier, canNotify: false });
    const milestones = await t.db.prisma.milestone.findMany({
      where: { accountId: plan.accountId },
      orderBy: { position: 'asc' },
      include: { actions: { orderBy: { position: 'asc' } } },
    });
    const actions = milestones.flatMap((m) => m.actions.map((a) => ({ ...a, milestoneStatus: m.status })));
    const todo = actions.find(
      (a) =>
        (o.skip.includes(a.key) && (a.status === 'pending' || a.status === 'ready')) ||
        a.status === 'ready' ||
        a.status === 'executed' ||
        (a.status === 'pending' && a.triggerKind === 'manual' && a.dueAt === null && a.milestoneStatus !== 'pending'),
    );
    if (todo && o.skip.includes(todo.key) && (todo.status === 'pending' || todo.status === 'ready')) {
      if (todo.status === 'pending') skippedUnfired.push(todo.key);
      await skipAction(ctx, { organizationId: plan.organizationId, actionId: todo.id, actor: csm });
    } else if (todo?.status === 'pending') {
      await startActionNow(ctx, {
        organizationId: plan.organizationId,
        actor: { userId: csm.userId },
        actionId: todo.id,
      });
    } else if (todo?.status === 'ready' && todo.type === 'internal_task') {
      await completeInternalTask(ctx, plan.deps, {
        organizationId: plan.organizationId,
        actionId: todo.id,
        actor: { userId: csm.userId },
      });
    } else if (todo?.status === 'ready') {
      await executeAction(ctx, plan.deps, {
        organizationId: plan.organizationId,
        actionId: todo.id,
        actor: { userId: csm.userId },
      });
    } else if (todo?.type === 'portal_form') {
      const values = Object.fromEntries(parseFormFields(todo.formFields).map((f) => [f.key, answerTo(f)]));
      const answered = await submitPortalForm(ctx, { session, actionId: todo.id, values, notifier });
      if (!answered.ok) throw new Error(`the form ${todo.key} refused the answers: ${JSON.stringify(answered.errors)}`);
    } else if (todo?.type === 'portal_document') {
      await uploadPortalDocument(ctx, {
        session,
        actionId: todo.id,
        file: {
          name: `${todo.key}.pdf`,
          declaredType: 'application/pdf',
          stream: Readable.from([Buffer.from('%PDF')]),
        },
        rules: { maxBytes: 1024 * 1024, extensions: ['pdf'] },
        storage: createLocalDiskStorage(uploadDir),
        notifier,
        publicUrl: PUBLIC_URL,
        secret: randomBytes(32),
      });
    } else if (todo) {
      await markCustomerResponded(ctx, plan.deps, {
        organizationId: plan.organizationId,
        actionId: todo.id,
        actor: { userId: csm.userId },
      });
    } else {
      const current = milestones.find((m) => m.status === 'in_progress');
      if (current && !current.actions.some((a) => isOpenAction(a.status))) {
        await completeMilestone(ctx, { organizationId: plan.organizationId, milestoneId: current.id, actor: csm });
      } else {
        const next = actions
          .filter((a) => a.status === 'pending' && a.dueAt !== null)
          .map((a) => a.dueAt!.getTime())
          .sort((a, b) => a - b)[0];
        if (next === undefined) return skippedUnfired; // nothing left that could move
        ctx.setNow(new Date(Math.max(next, ctx.now().getTime())));
      }
    }
    ctx.advance(60_000);
  }
  throw new Error('the onboarding did not end in 400 steps');
}

async function expectTheEnd(plan: PlanTeam, skippedUnfired: readonly string[]) {
  const milestones = await t.db.prisma.milestone.findMany({
    where: { accountId: plan.accountId },
    orderBy: { position: 'asc' },
    include: { actions: { orderBy: { position: 'asc' } } },
  });
  expect(milestones.map((m) => [m.name, m.status])).toEqual([
    ['Kickoff', 'completed'],
    ['Technical Setup', 'completed'],
    ['Implementation', 'completed'],
    ['Training', 'completed'],
    ['Go-Live', 'completed'],
  ]);
  const actions = milestones.flatMap((m) => m.actions);
  expect(actions.filter((a) => isOpenAction(a.status)).map((a) => `${a.key} (${a.status})`)).toEqual([]);
  // Every action fired, but the ones a person skipped before they did.
  expect(actions.filter((a) => a.firedAt === null).map((a) => a.key)).toEqual([...skippedUnfired]);
}

test('the shipped template, played forward, fires every action and completes every milestone', async () => {
  const ctx = serviceContext(t.db, '2026-03-02T10:00:00Z');
  const template = await readTemplateFile(DEMO_TEMPLATE_FILE);
  const plan = await setUpPlan(ctx, {
    template,
    smtpUrl: smtp.url,
    slackApiUrl: slack.apiUrl,
    kickoffDate: '2026-03-02',
  });
  const skipped = await playToTheEnd(ctx, plan, { skip: [] });
  plan.deps.close();
  expect(skipped).toEqual([]);
  await expectTheEnd(plan, []);
});

test('skipping the customer requests that others wait on still lets every other action fire and the plan end', async () => {
  const ctx = serviceContext(t.db, '2026-03-02T10:00:00Z');
  const template = await readTemplateFile(DEMO_TEMPLATE_FILE);
  const plan = await setUpPlan(ctx, {
    template,
    smtpUrl: smtp.url,
    slackApiUrl: slack.apiUrl,
    kickoffDate: '2026-03-02',
  });
  // Configure SSO, the data import and tailoring the training wait on these answers.
  const skipped = await playToTheEnd(ctx, plan, { skip: ['technical-details', 'data-export', 'training-attendees'] });
  plan.deps.close();
  expect(skipped).toEqual(['technical-details', 'data-export', 'training-attendees']);
  await expectTheEnd(plan, skipped);
});
