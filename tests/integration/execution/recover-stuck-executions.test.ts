import { draftAction } from '../../../src/services/drafting/draft-action';
import { executeAction } from '../../../src/services/execution/execute-action';
import { recoverStuckExecutions } from '../../../src/services/execution/recover-stuck-executions';
import { readSendRecord } from '../../../src/services/execution/send-record';
import { useSmtpCapture } from '../../support/smtp-capture';
import { useTestDatabase } from '../../support/test-database';
import { depsFor, emailStuckAfterClaim, FIXED_NOW, seedAccount } from './execution-fixtures';
import { fireAction } from '../../support/plan-steps';
import { serviceContext } from '../../support/service-context';

const smtp = useSmtpCapture();

const t = useTestDatabase();

const minutesLater = (minutes: number) => new Date(FIXED_NOW.getTime() + minutes * 60_000);

test('a process killed between claim and send, then restarted, sends the email once', async () => {
  const ctx = serviceContext(t.db, FIXED_NOW);
  const { seeded, actionId } = await emailStuckAfterClaim(ctx, smtp.url);
  let action = await ctx.prisma.action.findUniqueOrThrow({ where: { id: actionId } });
  expect(action.status).toBe('executing');
  const claimed = readSendRecord(action.executionRecord);
  expect(claimed?.state).toBe('sending');
  expect(claimed?.messageId).toMatch(/^<thread\..+@vendor-co\.io>$/);
  expect(smtp.messages).toHaveLength(0);

  // The restarted process: a click meanwhile finds the action taken, and a sweep too early leaves it alone.
  const restarted = depsFor(ctx, smtp.url);
  expect((await executeAction(ctx, restarted, { actionId, ...seeded.asCsm })).outcome).toBe('already_claimed');
  expect(await recoverStuckExecutions(ctx, restarted)).toEqual([]);

  // After the stuck threshold the sweep returns it to Ready with a warning and never sends by itself.
  const later = serviceContext(t.db, minutesLater(15));
  const recovered = await recoverStuckExecutions(later, restarted);
  expect(recovered).toHaveLength(1);
  expect(smtp.messages).toHaveLength(0);
  action = await ctx.prisma.action.findUniqueOrThrow({ where: { id: actionId } });
  expect(action.status).toBe('ready');
  expect(action.lastError).toContain('may or may not have reached the customer');
  expect(action.lastError).toContain(claimed!.messageId!);
  expect(readSendRecord(action.executionRecord)?.state).toBe('unknown');

  // The CSM retries: one email, and later sweeps change nothing.
  expect((await executeAction(later, restarted, { actionId, ...seeded.asCsm })).outcome).toBe('executed');
  expect(await recoverStuckExecutions(serviceContext(t.db, minutesLater(60)), restarted)).toEqual([]);
  restarted.mailerClose();
  expect(smtp.messages).toHaveLength(1);
  expect((await ctx.prisma.action.findUniqueOrThrow({ where: { id: actionId } })).status).toBe('executed');
});

test('the sweep leaves executions that are still within the threshold', async () => {
  const ctx = serviceContext(t.db, FIXED_NOW);
  const seeded = await seedAccount(ctx);
  const actionId = await seeded.actionId('welcome-email');
  await fireAction(ctx, actionId);
  const deps = depsFor(ctx, smtp.url, {
    stuckAfterMinutes: 30,
    afterClaim: () => Promise.reject(new Error('process killed')),
  });
  await draftAction(ctx, deps, { actionId });
  await executeAction(ctx, deps, { actionId, ...seeded.asCsm }).catch(() => undefined);
  deps.mailerClose();
  expect(await recoverStuckExecutions(serviceContext(t.db, minutesLater(20)), deps)).toEqual([]);
  expect(await recoverStuckExecutions(serviceContext(t.db, minutesLater(31)), deps)).toHaveLength(1);
});

test('a send that completes after the sweep gave up on it ends Executed, so nobody retries it', async () => {
  const ctx = serviceContext(t.db, FIXED_NOW);
  const seeded = await seedAccount(ctx);
  const actionId = await seeded.actionId('welcome-email');
  await fireAction(ctx, actionId);
  const deps = depsFor(ctx, smtp.url, {
    // A very slow send: the sweep of another process runs while this one is still between claim and send.
    afterClaim: async () => {
      expect(await recoverStuckExecutions(serviceContext(t.db, minutesLater(15)), deps)).toHaveLength(1);
    },
  });
  await draftAction(ctx, deps, { actionId });
  expect((await executeAction(ctx, deps, { actionId, ...seeded.asCsm })).outcome).toBe('executed');
  deps.mailerClose();
  const action = await ctx.prisma.action.findUniqueOrThrow({ where: { id: actionId } });
  expect(action.status).toBe('executed');
  expect(action.lastError).toBeNull();
  expect(readSendRecord(action.executionRecord)?.state).toBe('sent');
  expect(smtp.messages).toHaveLength(1);
});
