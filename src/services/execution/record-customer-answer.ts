/**
 * The step behind "the customer answered" (the CSM's button, or a reply Thread saw in the Slack thread): the email
 * or Slack message completes, an engagement event feeds the metrics, and what waits on it is scheduled.
 */
import type { ServiceContext } from '../context';
import { completeAction, type CompletionInput } from './complete-action';
import { notifyQuietly } from './notify-quietly';
import type { ExecutionDeps } from './ports';

export async function recordCustomerAnswer(
  ctx: ServiceContext,
  deps: Pick<ExecutionDeps, 'notifier'>,
  answer: Pick<CompletionInput, 'organizationId' | 'actionId' | 'by'> & {
    via: 'email_reply' | 'slack_reply';
    contactId?: string;
  },
): Promise<{ actionId: string; status: 'completed' }> {
  const result = await completeAction(ctx, {
    organizationId: answer.organizationId,
    actionId: answer.actionId,
    by: answer.by,
    types: ['email', 'slack_message'],
    reason:
      answer.via === 'slack_reply'
        ? 'the customer replied in the Slack thread'
        : 'the customer responded (marked by the CSM)',
    alsoWrite: async (tx, action) => {
      await tx.engagementEvent.create({
        data: {
          accountId: action.accountId,
          contactId: answer.contactId ?? null,
          kind: answer.via,
          data: { actionId: action.id },
          at: ctx.now(),
        },
      });
    },
  });
  await notifyQuietly(ctx, deps, result.actionId, result.accountId);
  return { actionId: result.actionId, status: result.status };
}
