import { z } from 'zod';
import { fillPortalLink } from '../../domain/send-time-placeholders';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import type { ExecutionDeps } from './ports';
import { randomUUID } from 'node:crypto';

const optionsSchema = z.object({
  actionId: z.string().min(1),
  /** The CSM's Slack user id: the test goes to them, never to the customer. */
  slackUserId: z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'expected a Slack user id such as U012ABCDEF'),
});

/**
 * "Send test to me" on a Slack-message card: posts exactly the draft's text to the CSM as a DM. The portal link
 * is shown as a marker, not minted: a test must not create a working credential for the customer.
 * Changes nothing on the action.
 */
export async function sendTestMessage(
  ctx: ServiceContext,
  deps: Pick<ExecutionDeps, 'slackMessenger'>,
  options: z.input<typeof optionsSchema>,
): Promise<{ channel: string; ts: string }> {
  const o = parseOptions(optionsSchema, options);
  if (!deps.slackMessenger)
    throw new AppError('not_configured', 'Slack is not configured: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET');
  const action = await ctx.prisma.action.findUnique({
    where: { id: o.actionId },
    select: { id: true, type: true, name: true, draftBody: true },
  });
  if (!action) throw new AppError('not_found', `action ${o.actionId} does not exist`);
  if (action.type !== 'slack_message')
    throw new AppError('validation_failed', `"${action.name}" is not a Slack message`);
  if (!action.draftBody?.trim()) throw new AppError('validation_failed', `"${action.name}" has no draft yet`);
  const text = fillPortalLink(action.draftBody, '(the customer’s portal link goes here when sent)');
  return deps.slackMessenger.post({ channel: o.slackUserId, text, clientMsgId: randomUUID(), actionId: action.id });
}
