import { z } from 'zod';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import {
  HANDOFF_FINDING_SELECT,
  inShowingOrder,
  toHandoffFindingView,
  type HandoffFindingView,
} from './handoff-finding-view';

const optionsSchema = z.object({ organizationId: z.string().min(1), accountId: z.string().min(1) });

/** The contradiction findings of an account's handoff, open ones first; what the handoff card shows. */
export async function listHandoffFindings(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<HandoffFindingView[]> {
  const o = parseOptions(optionsSchema, input);
  const account = await ctx.prisma.account.findFirst({
    where: { id: o.accountId, organizationId: o.organizationId },
    select: { handoffFindings: { select: HANDOFF_FINDING_SELECT } },
  });
  if (!account) throw new AppError('not_found', 'that account does not exist (any more).');
  return inShowingOrder(account.handoffFindings.map(toHandoffFindingView));
}
