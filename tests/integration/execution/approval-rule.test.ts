/**
 * What an approval means, through the services on the real database: off by default; with "executing needs an
 * approval", an unapproved or re-edited draft is refused before anything is claimed or sent; with four eyes, the
 * approver cannot be the executor. And the two settings themselves: four eyes needs approvals on, each audited.
 */
import { createSmtpMailer, type SmtpMailer } from '../../../src/connectors/email/smtp-mailer';
import { executeAction } from '../../../src/services/execution/execute-action';
import type { ExecutionDeps } from '../../../src/services/execution/ports';
import { getSettings } from '../../../src/services/organizations/get-settings';
import { updateSettings } from '../../../src/services/organizations/update-settings';
import { setReplyToEmail } from '../../../src/services/people/set-reply-to-email';
import { approveAction } from '../../../src/services/review/approve-action';
import { editDraft } from '../../../src/services/review/edit-draft';
import { RecordingNotifier } from '../../support/recording-notifier';
import { refusal } from '../../support/refusal';
import { serviceContext, type TestServiceContext } from '../../support/service-context';
import { useSmtpCapture } from '../../support/smtp-capture';
import { useTestDatabase } from '../../support/test-database';
import { setUpTeam, type Team } from '../people/team-fixture';

const t = useTestDatabase();
const smtp = useSmtpCapture();
let mailer: SmtpMailer;

beforeEach(() => {
  mailer = createSmtpMailer({ url: smtp.url, from: 'Thread <onboarding@vendor.test>', timeoutMs: 5000 });
});
afterEach(() => mailer.close());

/** A team whose CSM's account has its welcome email ready (fired and drafted at kickoff), with the rule given. */
async function team(rule?: { executionNeedsApproval: boolean; approverMustDiffer: boolean }) {
  const ctx: TestServiceContext = serviceContext(t.db, '2026-03-02T10:00:00Z');
  const tm: Team = await setUpTeam(ctx, { teamId: 'TAPPROVE', name: 'Approve', prefix: 'AP' });
  await setReplyToEmail(ctx, {
    organizationId: tm.organizationId,
    actor: { userId: tm.csm.userId },
    replyToEmail: 'csm@vendor.test',
  });
  if (rule)
    await updateSettings(ctx, {
      organizationId: tm.organizationId,
      actor: { userId: tm.admin.userId },
      settings: rule,
    });
  const welcome = await t.db.prisma.action.findUniqueOrThrow({
    where: { accountId_key: { accountId: tm.accountId, key: 'welcome' } },
  });
  expect(welcome.status).toBe('ready');
  const deps: ExecutionDeps = {
    mailer,
    notifier: new RecordingNotifier(),
    pacing: { slackPerChannelMs: 0, emailMs: 0 },
  };
  const execute = (userId: string) =>
    executeAction(ctx, deps, { organizationId: tm.organizationId, actionId: welcome.id, actor: { userId } });
  const approve = (userId: string) =>
    approveAction(ctx, { organizationId: tm.organizationId, actionId: welcome.id, actor: { userId } });
  return { ctx, tm, actionId: welcome.id, execute, approve };
}

const stored = (id: string) => t.db.prisma.action.findUniqueOrThrow({ where: { id } });

describe('executing under the approval rule', () => {
  it('is off by default: an unapproved draft is executed', async () => {
    const { tm, actionId, execute } = await team();
    expect((await execute(tm.csm.userId)).outcome).toBe('executed');
    expect((await stored(actionId)).approvedAt).toBeNull();
    expect(smtp.messages).toHaveLength(1);
  });

  it('refuses an unapproved draft before anything is claimed or sent; once approved it is executed', async () => {
    const { tm, actionId, execute, approve } = await team({ executionNeedsApproval: true, approverMustDiffer: false });
    const error = await refusal(execute(tm.csm.userId));
    expect(error.code).toBe('illegal_transition');
    expect(error.message).toBe('executing needs an approval: approve the draft of "Action welcome" first.');
    expect(await stored(actionId)).toMatchObject({ status: 'ready', attempts: 0, idempotencyKey: null });
    expect(smtp.messages).toHaveLength(0);

    await approve(tm.csm.userId);
    expect((await execute(tm.csm.userId)).outcome).toBe('executed');
    expect(smtp.messages).toHaveLength(1);
  });

  it('an edit after the approval clears it, so the new text must be approved again', async () => {
    const { tm, actionId, execute, approve, ctx } = await team({
      executionNeedsApproval: true,
      approverMustDiffer: false,
    });
    await approve(tm.csm.userId);
    await editDraft(ctx, {
      organizationId: tm.organizationId,
      actionId,
      actor: { userId: tm.csm.userId },
      subject: 'Welcome, Dana',
      body: 'Hi Dana, welcome to onboarding for Approve customer.',
    });
    expect(await stored(actionId)).toMatchObject({ approvedAt: null, approvedById: null });
    expect((await refusal(execute(tm.csm.userId))).message).toContain('executing needs an approval');
    expect(smtp.messages).toHaveLength(0);
  });

  it('with four eyes, refuses the approver as executor and lets another person who may execute it', async () => {
    const { tm, actionId, execute, approve } = await team({ executionNeedsApproval: true, approverMustDiffer: true });
    await approve(tm.csm.userId);
    const error = await refusal(execute(tm.csm.userId));
    expect(error.code).toBe('forbidden');
    expect(error.message).toBe(
      '"Action welcome" must be approved by someone other than you, because you execute it (four eyes); ask a colleague to approve it, or to execute it.',
    );
    expect(smtp.messages).toHaveLength(0);

    expect((await execute(tm.admin.userId)).outcome).toBe('executed');
    expect(await stored(actionId)).toMatchObject({ approvedById: tm.csm.userId, executedById: tm.admin.userId });
  });

  it('with four eyes, the account’s CSM executes what an admin approved', async () => {
    const { tm, execute, approve } = await team({ executionNeedsApproval: true, approverMustDiffer: true });
    await approve(tm.admin.userId);
    expect((await execute(tm.csm.userId)).outcome).toBe('executed');
  });
});

describe('the approval settings', () => {
  it('are off by default, change together and are audited from → to', async () => {
    const { ctx, tm } = await team();
    const read = () => getSettings(ctx, { organizationId: tm.organizationId, actor: { userId: tm.viewer.userId } });
    expect(await read()).toMatchObject({ executionNeedsApproval: false, approverMustDiffer: false });

    const on = await updateSettings(ctx, {
      organizationId: tm.organizationId,
      actor: { userId: tm.admin.userId },
      settings: { executionNeedsApproval: true, approverMustDiffer: true },
    });
    expect(on.changed).toEqual(['executionNeedsApproval', 'approverMustDiffer']);
    const audit = await t.db.prisma.auditEvent.findMany({
      where: { organizationId: tm.organizationId, entityType: 'organization', reason: { contains: 'setting' } },
      orderBy: { at: 'asc' },
    });
    expect(audit.slice(-2).map((a) => [a.reason, a.fromState, a.toState])).toEqual([
      ['setting executionNeedsApproval changed', 'false', 'true'],
      ['setting approverMustDiffer changed', 'false', 'true'],
    ]);

    // Turning approvals off while four eyes stays on is refused; both off is fine.
    const alone = await refusal(
      updateSettings(ctx, {
        organizationId: tm.organizationId,
        actor: { userId: tm.admin.userId },
        settings: { executionNeedsApproval: false },
      }),
    );
    expect(alone.fields).toEqual([
      {
        field: 'approverMustDiffer',
        message: 'Four eyes only applies when executing needs an approval: turn that on too, or turn four eyes off.',
      },
    ]);
    await updateSettings(ctx, {
      organizationId: tm.organizationId,
      actor: { userId: tm.admin.userId },
      settings: { executionNeedsApproval: false, approverMustDiffer: false },
    });
    expect(await read()).toMatchObject({ executionNeedsApproval: false, approverMustDiffer: false });
  });

  it('only admins change them', async () => {
    const { ctx, tm } = await team();
    const error = await refusal(
      updateSettings(ctx, {
        organizationId: tm.organizationId,
        actor: { userId: tm.csm.userId },
        settings: { executionNeedsApproval: true },
      }),
    );
    expect(error.code).toBe('forbidden');
  });
});
