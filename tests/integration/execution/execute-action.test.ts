import { isAppError } from '../../../src/lib/errors';
import { draftAction } from '../../../src/services/drafting/draft-action';
import { executeAction } from '../../../src/services/execution/execute-action';
import { readSendRecord } from '../../../src/services/execution/send-record';
import { editDraft } from '../../../src/services/review/edit-draft';
import { header, useSmtpCapture } from '../../support/smtp-capture';
import { useTestDatabase } from '../../support/test-database';
import { depsFor, FIXED_NOW, PUBLIC_URL, seedAccount } from './execution-fixtures';
import { fireAction } from '../../support/plan-steps';
import { serviceContext } from '../../support/service-context';

const smtp = useSmtpCapture();

const t = useTestDatabase();

async function readyWelcomeEmail() {
  const ctx = serviceContext(t.db, FIXED_NOW);
  const seeded = await seedAccount(ctx);
  const deps = depsFor(ctx, smtp.url);
  const actionId = await seeded.actionId('welcome-email');
  await fireAction(ctx, actionId);
  await draftAction(ctx, deps, { actionId });
  return { ctx, deps, seeded, actionId };
}

describe('executeAction by email', () => {
  test('when fifty Execute requests race for one action, exactly one email is sent', async () => {
    const { ctx, deps, seeded, actionId } = await readyWelcomeEmail();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => executeAction(ctx, deps, { actionId, ...seeded.asCsm })),
    );
    deps.mailerClose();

    expect(results.filter((r) => r.outcome === 'executed')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'already_claimed')).toHaveLength(49);
    expect(smtp.messages).toHaveLength(1);
    const action = await ctx.prisma.action.findUniqueOrThrow({ where: { id: actionId } });
    expect(action.status).toBe('executed');
    expect(action.executedById).toBe(seeded.csmUserId);
    expect(action.attempts).toBe(1);
    const record = readSendRecord(action.executionRecord);
    expect(record?.state).toBe('sent');
    // The Message-ID recorded before sending is the one the customer's mail server received.
    expect(header(smtp.messages[0]!.raw, 'Message-ID')).toBe(record?.messageId);
  });

  test('the email goes from the CSM by name, replies go to the CSM, and it carries text, HTML and a fresh portal link', async () => {
    const { ctx, deps, seeded, actionId } = await readyWelcomeEmail();
    await executeAction(ctx, deps, { actionId, ...seeded.asCsm });
    deps.mailerClose();

    const [mail] = smtp.messages;
    expect(mail!.to).toEqual(['maria.anders@northwindlogistics.io']);
    expect(mail!.from).toBe('onboarding@vendor-co.io');
    expect(header(mail!.raw, 'From')).toBe('Jamie Rivera <onboarding@vendor-co.io>');
    expect(header(mail!.raw, 'Reply-To')).toBe('jamie.rivera@vendor-co.io');
    expect(header(mail!.raw, 'Content-Type')).toMatch(/^multipart\/alternative/);
    expect(mail!.raw).toContain('Content-Type: text/html');
    expect(mail!.raw).not.toContain('{{portal_link}}');
    expect(mail!.raw.replace(/=\r?\n/g, '')).toMatch(
      new RegExp(`${PUBLIC_URL.replace(/\./g, '\\.')}/portal/[A-Za-z0-9_-]{20,}`),
    );
    // The link is minted at send time and not kept in the stored draft.
    const action = await ctx.prisma.action.findUniqueOrThrow({ where: { id: actionId } });
    expect(action.draftBody).toContain('{{portal_link}}');
    expect(await ctx.prisma.portalAccess.count({ where: { accountId: seeded.accountId } })).toBe(1);
  });

  test('executing an email schedules the action that waits on it', async () => {
    const { ctx, deps, seeded, actionId } = await readyWelcomeEmail();
    const waiting = await seeded.actionId('kickoff-questionnaire');
    expect((await ctx.prisma.action.findUniqueOrThrow({ where: { id: waiting } })).dueAt).toBeNull();
    await executeAction(ctx, deps, { actionId, ...seeded.asCsm });
    deps.mailerClose();
    expect((await ctx.prisma.action.findUniqueOrThrow({ where: { id: waiting } })).dueAt).not.toBeNull();
  });

  test('when the SMTP server refuses the mail, the action is Ready again with the error, and a Retry sends it', async () => {
    const { ctx, deps, seeded, actionId } = await readyWelcomeEmail();
    smtp.refuse = 'mailbox unavailable';
    const failure = await executeAction(ctx, deps, { actionId, ...seeded.asCsm }).catch((e: unknown) => e);
    expect(isAppError(failure) && failure.code).toBe('connector_failed');
    expect((failure as Error).message).toContain('mailbox unavailable');

    let action = await ctx.prisma.action.findUniqueOrThrow({ where: { id: actionId } });
    expect(action.status).toBe('ready');
    expect(action.lastError).toContain('mailbox unavailable');
    expect(action.attempts).toBe(1);
    expect(readSendRecord(action.executionRecord)?.state).toBe('failed');
    expect(smtp.messages).toHaveLength(0);
    const audit = await ctx.prisma.auditEvent.findMany({
      where: { entityId: actionId, toState: 'ready', fromState: 'executing' },
    });
    expect(audit[0]?.reason).toContain('mailbox unavailable');

    smtp.refuse = null;
    const retried = await executeAction(ctx, deps, { actionId, ...seeded.asCsm });
    deps.mailerClose();
    expect(retried.outcome).toBe('executed');
    action = await ctx.prisma.action.findUniqueOrThrow({ where: { id: actionId } });
    expect(action.status).toBe('executed');
    expect(action.lastError).toBeNull();
    expect(action.attempts).toBe(2);
    expect(smtp.messages).toHaveLength(1);
  });

  test('with no SMTP configured, an email action refuses to execute and says what to set', async () => {
    const { ctx, seeded, actionId } = await readyWelcomeEmail();
    const deps = depsFor(ctx, null);
    await expect(executeAction(ctx, deps, { actionId, ...seeded.asCsm })).rejects.toMatchObject({
      code: 'not_configured',
      message: 'email is not configured: set SMTP_URL and EMAIL_FROM',
    });
    const action = await ctx.prisma.action.findUniqueOrThrow({ where: { id: actionId } });
    expect(action.status).toBe('ready');
    expect(action.attempts).toBe(0);
  });

  test('a pending action cannot be executed', async () => {
    const ctx = serviceContext(t.db, FIXED_NOW);
    const seeded = await seedAccount(ctx);
    const deps = depsFor(ctx, smtp.url);
    const actionId = await seeded.actionId('success-plan-recap');
    await expect(executeAction(ctx, deps, { actionId, ...seeded.asCsm })).rejects.toMatchObject({
      code: 'illegal_transition',
    });
    expect(smtp.messages).toHaveLength(0);
  });
});

describe('review lint at execution', () => {
  test('stand-in text blocks the send; an explicit override sends it and is audited', async () => {
    const { ctx, deps, seeded, actionId } = await readyWelcomeEmail();
    const action = await ctx.prisma.action.findUniqueOrThrow({ where: { id: actionId } });
    await editDraft(ctx, {
      ...seeded.asCsm,
      actionId,
      subject: action.draftSubject!,
      body: `${action.draftBody}\nSee you on [insert date].`,
    });

    const refused = await executeAction(ctx, deps, { actionId, ...seeded.asCsm }).catch((e: unknown) => e);
    expect(isAppError(refused) && refused.code).toBe('validation_failed');
    expect((refused as Error).message).toContain('[insert date]');
    expect((await ctx.prisma.action.findUniqueOrThrow({ where: { id: actionId } })).status).toBe('ready');
    expect(smtp.messages).toHaveLength(0);

    const sent = await executeAction(ctx, deps, { actionId, ...seeded.asCsm, overrideLint: true });
    deps.mailerClose();
    expect(sent.outcome).toBe('executed');
    expect(smtp.messages).toHaveLength(1);
    const after = await ctx.prisma.action.findUniqueOrThrow({ where: { id: actionId } });
    expect(after.lintOverriddenById).toBe(seeded.csmUserId);
    const override = await ctx.prisma.auditEvent.findFirst({
      where: { entityId: actionId, reason: { startsWith: 'review lint overridden' } },
    });
    expect(override?.actor).toBe(seeded.csmUserId);
    expect(override?.reason).toContain('[insert date]');
  });

  test('an unfilled placeholder blocks the send', async () => {
    const { ctx, deps, seeded, actionId } = await readyWelcomeEmail();
    const action = await ctx.prisma.action.findUniqueOrThrow({ where: { id: actionId } });
    await editDraft(ctx, {
      ...seeded.asCsm,
      actionId,
      subject: 'Hello {{contact.nickname}} at Northwind Logistics',
      body: action.draftBody!,
    });
    await expect(executeAction(ctx, deps, { actionId, ...seeded.asCsm })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    deps.mailerClose();
    expect(smtp.messages).toHaveLength(0);
  });
});
