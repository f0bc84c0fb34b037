import { createThreadScheduler } from '../../../src/jobs/thread-scheduler';
import { recoverStuckExecutionsJob } from '../../../src/jobs/recover-stuck-executions-job';
import { silentNotifier } from '../../../src/services/notifications/notifier-port';
import { useTestDatabase } from '../../support/test-database';
import { depsFor, emailStuckAfterClaim, FIXED_NOW } from '../execution/execution-fixtures';
import { serviceContext } from '../../support/service-context';

const t = useTestDatabase();

test('the recovery sweep is registered every 5 minutes and returns a send stuck by a dead process to Ready', async () => {
  const ctx = serviceContext(t.db, FIXED_NOW);
  // A mailer that is never reached: the "process" dies right after the claim.
  const { actionId, dying } = await emailStuckAfterClaim(ctx, 'smtp://127.0.0.1:9');
  expect((await ctx.prisma.action.findUniqueOrThrow({ where: { id: actionId } })).status).toBe('executing');

  const job = recoverStuckExecutionsJob(ctx, () => dying);
  expect(job.schedule).toBe('*/5 * * * *');

  const later = serviceContext(t.db, new Date(FIXED_NOW.getTime() + 15 * 60_000));
  const deps = { notifier: silentNotifier, canNotify: false, draft: async () => {} };
  const withoutRecovery = createThreadScheduler({ ctx: later, deps, tickCron: '* * * * *' });
  await expect(withoutRecovery.trigger(job.id)).rejects.toMatchObject({ code: 'not_found' });

  const scheduler = createThreadScheduler({
    ctx: later,
    deps,
    tickCron: '* * * * *',
    executionDeps: () => depsFor(later, null),
  });
  const outcome = await scheduler.trigger(job.id);
  expect(outcome).toMatchObject({ status: 'ran', jobId: 'recover-stuck-executions' });
  const action = await ctx.prisma.action.findUniqueOrThrow({ where: { id: actionId } });
  expect(action.status).toBe('ready');
  expect(action.lastError).toContain('may or may not have reached the customer');
  await scheduler.stop();
  await withoutRecovery.stop();
});
