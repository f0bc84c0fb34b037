import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { completeAction } from './complete-action';
import { notifyQuietly } from './notify-quietly';
import type { ExecutionDeps } from './ports';

const optionsSchema = z.object({
  actionId: z.string().min(1),
  /** The Thread user who clicked "Done". */
  actor: z.string().min(1),
});

/** The CSM's "Done" on an internal task (ready or executed) → completed; what waits on it is scheduled. */
export async function completeInternalTask(
  ctx: ServiceContext,
  deps: Pick<ExecutionDeps, 'notifier'>,
  options: z.input<typeof optionsSchema>,
): Promise<{ actionId: string; status: 'completed' }> {
  const o = parseOptions(optionsSchema, options);
  const result = await completeAction(ctx, {
    actionId: o.actionId,
    actor: o.actor,
    types: ['internal_task'],
    reason: 'internal task done',
  });
  await notifyQuietly(ctx, deps, result.actionId, result.accountId);
  return { actionId: result.actionId, status: result.status };
}
