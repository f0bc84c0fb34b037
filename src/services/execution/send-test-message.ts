import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { fillPortalLink } from '../../domain/send-time-placeholders';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { authorizeAccountChange, personActorSchema } from '../permissions/authorize-account-change';
import type { ExecutionDeps } from './ports';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  actionId: z.string().min(1),
  /** The reviewer (the account's CSM or an admin): the test goes to their own Slack DMs, never to the customer. */
  actor: personActorSchema,
});

/**
 * "Send test to me" on a Slack-message card: posts exactly the draft's text to the reviewer as a DM. The portal
 * link is shown as a marker, not minted: a test must not create a working credential for the customer.
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
  const action = await ctx.prisma.action.findFirst({
    where: { id: o.actionId, account: { organizationId: o.organizationId } },
    select: { id: true, type: true, name: true, draftBody: true, account: { select: { name: true, csmId: true } } },
  });
  if (!action) throw new AppError('not_found', 'that action does not exist (any more)');
  await authorizeAccountChange(ctx.prisma, {
    organizationId: o.organizationId,
    actor: o.actor,
    account: action.account,
    doing: 'test drafts',
  });
  if (action.type !== 'slack_message')
    throw new AppError('validation_failed', `"${action.name}" is not a Slack message`);
  if (!action.draftBody?.trim()) throw new AppError('validation_failed', `"${action.name}" has no draft yet`);
  const reviewer = await ctx.prisma.user.findFirst({
    where: { id: o.actor.userId, organizationId: o.organizationId },
    select: { slackUserId: true },
  });
  if (!reviewer?.slackUserId)
    throw new AppError('validation_failed', 'a test goes to your Slack DMs, and Thread knows no Slack user for you.');
  const text = fillPortalLink(action.draftBody, '(the customer’s portal link goes here when sent)');
  return deps.slackMessenger.post({
    organizationId: o.organizationId,
    channel: reviewer.slackUserId,
    text,
    clientMsgId: randomUUID(),
    actionId: action.id,
  });
}
