import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { accountActorSchema } from '../permissions/authorize-account-change';
import { completeAction } from './complete-action';
import { notifyQuietly } from './notify-quietly';
import type { ExecutionDeps } from './ports';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  actionId: z.string().min(1),
  /** Who clicked "Done": the account's CSM or an admin. */
  actor: accountActorSchema,
});

/** The CSM's "Done" on an internal task (ready or executed) → completed; what waits on it is scheduled. */
export async function completeInternalTask(
  ctx: ServiceContext,
  deps: Pick<ExecutionDeps, 'notifier'>,
  options: z.input<typeof optionsSchema>,
): Promise<{ actionId: string; status: 'completed' }> {
  const o = parseOptions(optionsSchema, options);
  const result = await completeAction(ctx, {
    organizationId: o.organizationId,
    actionId: o.actionId,
    by: { person: o.actor, doing: 'complete internal tasks' },
    types: ['internal_task'],
    reason: 'internal task done',
  });
  await notifyQuietly(ctx, deps, result.actionId, result.accountId);
  return { actionId: result.actionId, status: result.status };
}
