import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createLocalDiskStorage } from '../../../src/connectors/storage/local-disk-storage';
import type { TemplateSpec } from '../../../src/domain/template';
import { executeAction } from '../../../src/services/execution/execute-action';
import { submitPortalForm } from '../../../src/services/portal/submit-portal-form';
import { uploadPortalDocument } from '../../../src/services/portal/upload-portal-document';
import { runTick } from '../../../src/services/scheduler/run-tick';
import { FakeSlackApi } from '../../support/fake-slack-api';
import { RecordingNotifier } from '../../support/recording-notifier';
import { serviceContext } from '../../support/service-context';
import { useSmtpCapture } from '../../support/smtp-capture';
import { useTestDatabase } from '../../support/test-database';
import { spec } from '../scheduler/scheduler-fixtures';
import { PUBLIC_URL, setUpPlan } from './plan-fixture';

const t = useTestDatabase();
const smtp = useSmtpCapture();
const slack = new FakeSlackApi();
const uploadDir = mkdtempSync(path.join(os.tmpdir(), 'thread-submission-triggers-'));

beforeAll(async () => {
  await slack.start();
});
afterAll(async () => {
  await slack.stop();
});

const atStart = { kind: 'milestone_start' as const, delayDays: 0 };
const TEMPLATE: TemplateSpec = {
  name: 'Answers first',
  description: 'what the customer sends starts the next steps',
  milestones: [
    {
      name: 'Kickoff',
      plannedDays: 5,
      exitCriteria: '',
      description: '',
      actions: [
        spec('questions', 'portal_form', atStart, {
          formFields: [{ key: 'sso', label: 'Which SSO provider do you use?', kind: 'text', required: true }],
        }),
        // Waits on the form just before it: its answer.
        spec('read-answers', 'internal_task', { kind: 'submission', delayDays: 0 }),
        spec('dpa', 'portal_document', atStart),
        spec('countersign', 'internal_task', { kind: 'submission', delayDays: 1, after: 'dpa' }),
      ],
    },
  ],
};

test('the customer answering in the portal gives what waits on the answer its due time, and the scheduler fires it', async () => {
  // Monday 2 March 2026, in an organisation on UTC with a Monday-to-Friday week.
  const ctx = serviceContext(t.db, '2026-03-02T10:00:00Z');
  const plan = await setUpPlan(ctx, {
    template: TEMPLATE,
    smtpUrl: smtp.url,
    slackApiUrl: slack.apiUrl,
    kickoffDate: '2026-03-02',
  });
  const notifier = new RecordingNotifier();
  await runTick(ctx, { notifier, canNotify: false });
  const questions = await plan.action('questions');
  const dpa = await plan.action('dpa');
  for (const request of [questions, dpa])
    await executeAction(ctx, plan.deps, {
      organizationId: plan.organizationId,
      actionId: request.id,
      actor: { userId: plan.csmUserId },
    });
  plan.deps.close();
  expect(smtp.messages).toHaveLength(2);
  // Sent is not answered: what waits on the answers still has no due time.
  expect((await plan.action('read-answers')).dueAt).toBeNull();
  expect((await plan.action('countersign')).dueAt).toBeNull();

  ctx.setNow('2026-03-02T14:00:00Z');
  const session = await plan.portalSession();
  const answered = await submitPortalForm(ctx, {
    session,
    actionId: questions.id,
    values: { sso: 'Okta' },
    notifier,
  });
  expect(answered.ok).toBe(true);
  expect((await plan.action('read-answers')).dueAt?.toISOString()).toBe('2026-03-02T14:00:00.000Z');
  expect((await plan.action('countersign')).dueAt).toBeNull();
  const afterForm = await runTick(ctx, { notifier, canNotify: false });
  expect(afterForm.fire?.fired.map((a) => a.name)).toEqual(['Action read-answers']);
  expect((await plan.action('read-answers')).status).toBe('ready');

  ctx.setNow('2026-03-02T15:00:00Z');
  await uploadPortalDocument(ctx, {
    session,
    actionId: dpa.id,
    file: {
      name: 'signed-dpa.pdf',
      declaredType: 'application/pdf',
      stream: Readable.from([Buffer.from('%PDF-1.4 signed')]),
    },
    rules: { maxBytes: 1024 * 1024, extensions: ['pdf'] },
    storage: createLocalDiskStorage(uploadDir),
    notifier,
    publicUrl: PUBLIC_URL,
    secret: randomBytes(32),
  });
  // One business day after the upload.
  expect((await plan.action('countersign')).dueAt?.toISOString()).toBe('2026-03-03T15:00:00.000Z');
  expect((await runTick(ctx, { notifier, canNotify: false })).fire?.fired).toEqual([]);
  ctx.setNow('2026-03-03T15:00:00Z');
  const nextDay = await runTick(ctx, { notifier, canNotify: false });
  expect(nextDay.fire?.fired.map((a) => a.name)).toEqual(['Action countersign']);
});
