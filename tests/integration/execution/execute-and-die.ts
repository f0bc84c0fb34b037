/**
 * A child process for kill-during-send.test.ts: opens Thread's embedded database and execution ports exactly as
 * the server does (config from the environment, openDatabase with migrations, createExecutionDeps), executes one
 * action (or, given several ids separated by commas, a batch of them), and SIGKILLs itself at the chosen point
 * (the first action to reach it), so nothing after it runs: no catch, no finally, no close.
 *
 *   tsx execute-and-die.ts <organizationId> <actionId[,actionId…]> <actorUserId> <claim|send> <clock ISO>
 *
 * Environment: THREAD_DATA_DIR, SMTP_URL, EMAIL_FROM (read by loadConfig). Surviving the execution is an error
 * (exit code 3), so the test can tell a kill at the right point from any other ending.
 */
import { loadConfig } from '../../../src/config';
import { openDatabase } from '../../../src/db/client';
import { createExecutionDeps } from '../../../src/composition/execution-ports';
import { createLogger } from '../../../src/lib/logger';
import type { ServiceContext } from '../../../src/services/context';
import { executeAction } from '../../../src/services/execution/execute-action';
import { executeBatch } from '../../../src/services/execution/execute-batch';
import type { ExecutionDeps } from '../../../src/services/execution/ports';
import { silentNotifier } from '../../../src/services/notifications/notifier-port';

async function main(): Promise<void> {
  const [organizationId, actionIds, actorUserId, killAt, clock] = process.argv.slice(2);
  if (!organizationId || !actionIds || !actorUserId || (killAt !== 'claim' && killAt !== 'send') || !clock) {
    throw new Error(
      'usage: execute-and-die.ts <organizationId> <actionId[,actionId…]> <actorUserId> <claim|send> <clock ISO>',
    );
  }
  const config = loadConfig();
  const logger = createLogger('warn', process.stderr);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, migrate: true });
  const ctx: ServiceContext = { prisma: db.prisma, now: () => new Date(clock), logger };
  const wiring = createExecutionDeps({ config, ctx, notifier: silentNotifier });
  const die = () => {
    process.kill(process.pid, 'SIGKILL');
  };
  const deps: ExecutionDeps = { ...wiring.deps, ...(killAt === 'claim' ? { afterClaim: die } : { afterSend: die }) };
  const ids = actionIds.split(',');
  const actor = { userId: actorUserId };
  const outcome =
    ids.length === 1
      ? (await executeAction(ctx, deps, { organizationId, actionId: ids[0]!, actor })).outcome
      : JSON.stringify(await executeBatch(ctx, deps, { organizationId, actionIds: ids, actor }));
  process.stderr.write(`execute-and-die: survived the execution (${outcome})\n`);
  process.exit(3);
}

main().catch((error: unknown) => {
  process.stderr.write(`execute-and-die: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(2);
});
