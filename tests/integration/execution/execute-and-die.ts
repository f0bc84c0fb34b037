/**
 * A child process for kill-during-send.test.ts: opens Thread's embedded database and execution ports exactly as
 * the server does (config from the environment, openDatabase with migrations, createExecutionDeps), executes one
 * action, and SIGKILLs itself at the chosen point, so nothing after it runs: no catch, no finally, no close.
 *
 *   tsx execute-and-die.ts <organizationId> <actionId> <actorUserId> <claim|send> <clock ISO>
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
import type { ExecutionDeps } from '../../../src/services/execution/ports';
import { silentNotifier } from '../../../src/services/notifications/notifier-port';

async function main(): Promise<void> {
  const [organizationId, actionId, actorUserId, killAt, clock] = process.argv.slice(2);
  if (!organizationId || !actionId || !actorUserId || (killAt !== 'claim' && killAt !== 'send') || !clock) {
    throw new Error('usage: execute-and-die.ts <organizationId> <actionId> <actorUserId> <claim|send> <clock ISO>');
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
  const result = await executeAction(ctx, deps, { organizationId, actionId, actor: { userId: actorUserId } });
  process.stderr.write(`execute-and-die: survived the execution (${result.outcome})\n`);
  process.exit(3);
}

main().catch((error: unknown) => {
  process.stderr.write(`execute-and-die: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(2);
});
