import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';

/** How long a process may take between claiming the post and recording where it landed (see claimReviewCardPost). */
export const CUSTOMER_POST_CLAIM_MS = 10 * 60_000;

const optionsSchema = z.object({ actionId: z.string().min(1) });

/** What the shared channel is shown of a portal request just sent: facts, rendered by the Slack side. */
export interface CustomerChannelRequest {
  actionId: string;
  accountId: string;
  /** The account's customer channel (Slack Connect or shared). */
  channel: string;
  kind: 'form' | 'document';
  title: string;
  /** Why it is asked, in the template's words ('' when it says nothing). */
  purpose: string;
  organizationName: string;
  csmName: string | null;
  /** The claim: give it back with releaseCustomerChannelPost when the post fails. */
  until: Date;
}

/**
 * Claims the one post of a sent portal request in the account's customer channel: null when the action is not a sent
 * portal request, its account has no customer channel, it was posted already, or another process holds the claim.
 * One conditional update, so a Retry, a second process or a repeated notice never posts it twice.
 */
export async function claimCustomerChannelPost(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<CustomerChannelRequest | null> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  const until = new Date(now.getTime() + CUSTOMER_POST_CLAIM_MS);
  const { count } = await ctx.prisma.action.updateMany({
    where: {
      id: o.actionId,
      status: 'executed',
      type: { in: ['portal_form', 'portal_document'] },
      customerPostTs: null,
      account: { slackCustomerChannelId: { not: null } },
      OR: [{ customerPostClaimUntil: null }, { customerPostClaimUntil: { lte: now } }],
    },
    data: { customerPostClaimUntil: until },
  });
  if (count !== 1) return null;
  const action = await ctx.prisma.action.findUniqueOrThrow({
    where: { id: o.actionId },
    select: {
      id: true,
      name: true,
      type: true,
      purpose: true,
      account: {
        select: {
          id: true,
          slackCustomerChannelId: true,
          organization: { select: { name: true } },
          csm: { select: { name: true } },
        },
      },
    },
  });
  return {
    actionId: action.id,
    accountId: action.account.id,
    channel: action.account.slackCustomerChannelId!,
    kind: action.type === 'portal_form' ? 'form' : 'document',
    title: action.name,
    purpose: action.purpose,
    organizationName: action.account.organization.name,
    csmName: action.account.csm?.name ?? null,
    until,
  };
}
