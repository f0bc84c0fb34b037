import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import type { CustomerChannelRequest } from './claim-customer-channel-post';

const optionsSchema = z.object({ actionId: z.string().min(1) });

/** A request's post in the customer channel, once the request is answered or withdrawn, so its button can go. */
export type ClosedCustomerChannelPost = Omit<CustomerChannelRequest, 'until'> & {
  ts: string;
  outcome: 'answered' | 'withdrawn';
};

/** Null while the request is open, or when it was never posted in the customer channel. */
export async function getClosedCustomerChannelPost(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<ClosedCustomerChannelPost | null> {
  const o = parseOptions(optionsSchema, input);
  const action = await ctx.prisma.action.findFirst({
    where: { id: o.actionId, customerPostTs: { not: null }, status: { in: ['completed', 'skipped'] } },
    select: {
      id: true,
      name: true,
      type: true,
      status: true,
      purpose: true,
      customerPostChannel: true,
      customerPostTs: true,
      account: { select: { id: true, organization: { select: { name: true } }, csm: { select: { name: true } } } },
    },
  });
  if (!action?.customerPostChannel || !action.customerPostTs) return null;
  return {
    actionId: action.id,
    accountId: action.account.id,
    channel: action.customerPostChannel,
    ts: action.customerPostTs,
    kind: action.type === 'portal_form' ? 'form' : 'document',
    title: action.name,
    purpose: action.purpose,
    organizationName: action.account.organization.name,
    csmName: action.account.csm?.name ?? null,
    outcome: action.status === 'completed' ? 'answered' : 'withdrawn',
  };
}
