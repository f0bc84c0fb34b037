import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { readSendRecord } from './send-record';
import { recordCustomerAnswer } from './record-customer-answer';
import type { ExecutionDeps } from './ports';
import { PRIMARY_CONTACT_FIRST } from '../contacts/primary-contact-first';

const optionsSchema = z.object({
  /** The organisation of the workspace the reply was posted in; only its actions are looked at. */
  organizationId: z.string().min(1),
  /** The channel the reply was posted in. */
  channel: z.string().min(1),
  /** The ts of the message replied to (the thread's parent). */
  threadTs: z.string().min(1),
  /** Who replied. */
  slackUserId: z.string().min(1),
});

/**
 * A reply in the thread of a Slack message Thread sent completes that action. The message is found by the ts and
 * channel recorded when it was sent (Action.executionRecord.slackTs / slackChannel). Replies from Thread's own
 * users (the CSM answering in the thread) are not the customer's answer and change nothing; neither does a reply
 * to a message Thread did not send, or to one already completed. Returns the action completed, or null.
 */
export async function completeOnSlackReply(
  ctx: ServiceContext,
  deps: Pick<ExecutionDeps, 'notifier'>,
  input: z.input<typeof optionsSchema>,
): Promise<string | null> {
  const o = parseOptions(optionsSchema, input);
  const candidates = await ctx.prisma.action.findMany({
    where: {
      type: 'slack_message',
      status: 'executed',
      account: { organizationId: o.organizationId },
      executionRecord: { path: ['slackTs'], equals: o.threadTs },
    },
    select: {
      id: true,
      executionRecord: true,
      account: {
        select: {
          organizationId: true,
          contacts: { where: { slackUserId: o.slackUserId }, orderBy: PRIMARY_CONTACT_FIRST, select: { id: true } },
        },
      },
    },
  });
  const action = candidates.find((a) => readSendRecord(a.executionRecord)?.slackChannel === o.channel);
  if (!action) return null;
  const teammate = await ctx.prisma.user.findFirst({
    where: { organizationId: action.account.organizationId, slackUserId: o.slackUserId },
    select: { id: true },
  });
  if (teammate) return null;
  await recordCustomerAnswer(ctx, deps, {
    organizationId: o.organizationId,
    actionId: action.id,
    by: { observed: 'system' },
    via: 'slack_reply',
    contactId: action.account.contacts[0]?.id,
  });
  return action.id;
}
