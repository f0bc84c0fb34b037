/**
 * Executes several Ready actions one after another (batch review). Each goes through executeAction, so each is
 * still sent exactly once; a failure is recorded and the batch goes on. Sends are spaced per channel: Slack
 * allows about one message per second per channel, and SMTP servers throttle bursts. Progress is reported after
 * every action so the caller can update one message in place ("12 of 40 sent").
 */
import { z } from 'zod';
import { isAppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { authorizeAccountChange, personActorSchema } from '../permissions/authorize-account-change';
import { executeAction } from './execute-action';
import { DEFAULT_PACING, type ExecutionDeps } from './ports';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  actionIds: z.array(z.string().min(1)).min(1, 'select at least one action').max(500, 'at most 500 actions per batch'),
  actor: personActorSchema,
});

export interface BatchFailure {
  actionId: string;
  error: string;
}

export interface BatchProgress {
  total: number;
  /** Actions handled so far (sent, failed or skipped). */
  done: number;
  sent: number;
  /** Already sent or being sent by someone else: nothing was sent by this batch. */
  skipped: number;
  failures: BatchFailure[];
}

export async function executeBatch(
  ctx: ServiceContext,
  deps: ExecutionDeps,
  options: z.input<typeof optionsSchema> & { onProgress?: (progress: BatchProgress) => void | Promise<void> },
): Promise<BatchProgress> {
  const o = parseOptions(optionsSchema, {
    organizationId: options.organizationId,
    actionIds: options.actionIds,
    actor: options.actor,
  });
  const ids = [...new Set(o.actionIds)];
  const pacing = { ...DEFAULT_PACING, ...deps.pacing };
  const rows = await ctx.prisma.action.findMany({
    where: { id: { in: ids }, account: { organizationId: o.organizationId } },
    select: { id: true, type: true, accountId: true, account: { select: { name: true, csmId: true } } },
  });
  // The whole batch is refused before anything is sent when one of its accounts is not the person's to change:
  // half a batch sent and half refused is harder to reason about than a clear "no" (each send checks again).
  const accounts = new Map(rows.map((r) => [r.accountId, r.account]));
  for (const account of accounts.values()) {
    await authorizeAccountChange(ctx.prisma, {
      organizationId: o.organizationId,
      actor: o.actor,
      account,
      doing: 'execute actions',
    });
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  const lastSendAt = new Map<string, number>();
  const progress: BatchProgress = { total: ids.length, done: 0, sent: 0, skipped: 0, failures: [] };

  for (const actionId of ids) {
    const row = byId.get(actionId);
    const lane = row ? paceLane(row.type, row.accountId) : null;
    if (lane) {
      const gap = lane.startsWith('slack:') ? pacing.slackPerChannelMs : pacing.emailMs;
      const wait = (lastSendAt.get(lane) ?? -Infinity) + gap - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    try {
      const result = await executeAction(ctx, deps, { organizationId: o.organizationId, actionId, actor: o.actor });
      if (result.outcome === 'executed') progress.sent += 1;
      else progress.skipped += 1;
    } catch (error) {
      // Recorded and shown with a Retry; the other actions still go out.
      progress.failures.push({
        actionId,
        error: isAppError(error) ? error.message : error instanceof Error ? error.message : 'failed',
      });
    }
    if (lane) lastSendAt.set(lane, performance.now());
    progress.done += 1;
    await options.onProgress?.({ ...progress, failures: [...progress.failures] });
  }
  return progress;
}

/** Slack messages are paced per account (its customer channel); every email shares the SMTP server's lane. */
function paceLane(type: string, accountId: string): string | null {
  if (type === 'internal_task') return null;
  if (type === 'slack_message') return `slack:${accountId}`;
  return 'smtp';
}
