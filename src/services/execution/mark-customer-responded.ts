import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { completeAction } from './complete-action';
import { notifyQuietly } from './notify-quietly';
import type { ExecutionDeps } from './ports';

const optionsSchema = z.object({
  actionId: z.string().min(1),
  /** A Thread user id (the "Customer responded" button), or "system" when a Slack thread reply was seen. */
  actor: z.string().min(1),
  /** Where the answer came: the button on an email card, or a reply in the Slack thread. */
  via: z.enum(['email_reply', 'slack_reply']).default('email_reply'),
  contactId: z.string().min(1).optional(),
});

/**
 * The customer answered an email or a Slack message: executed → completed, an engagement event for the metrics,
 * and the actions waiting on it are scheduled. Portal actions complete on submission (services/portal).
 */
export async function markCustomerResponded(
  ctx: ServiceContext,
  deps: Pick<ExecutionDeps, 'notifier'>,
  options: z.input<typeof optionsSchema>,
): Promise<{ actionId: string; status: 'completed' }> {
  const o = parseOptions(optionsSchema, options);
  const result = await completeAction(ctx, {
    actionId: o.actionId,
    actor: o.actor,
    types: ['email', 'slack_message'],
    reason:
      o.via === 'slack_reply'
        ? 'the customer replied in the Slack thread'
        : 'the customer responded (marked by the CSM)',
    alsoWrite: async (tx, action) => {
      await tx.engagementEvent.create({
        data: {
          accountId: action.accountId,
          contactId: o.contactId ?? null,
          kind: o.via,
          data: { actionId: action.id },
          at: ctx.now(),
        },
      });
    },
  });
  await notifyQuietly(ctx, deps, result.actionId, result.accountId);
  return { actionId: result.actionId, status: result.status };
}
