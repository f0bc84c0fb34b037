import type { ServiceContext } from '../context';
import { hashHandoffToken, isWellFormedHandoffToken } from './handoff-token';

/** Which handoff a web form link opens. */
export interface HandoffLink {
  handoffId: string;
  accountId: string;
  organizationId: string;
}

/**
 * The handoff a link's token opens, or undefined when it is unknown, replaced by a newer one or expired; the three
 * look the same to the caller, so the page cannot tell a guesser which it was. The services check the token again.
 */
export async function resolveHandoffToken(
  ctx: ServiceContext,
  options: { token: string },
): Promise<HandoffLink | undefined> {
  if (!isWellFormedHandoffToken(options.token)) return undefined;
  const handoff = await ctx.prisma.handoff.findUnique({
    where: { tokenHash: hashHandoffToken(options.token) },
    select: { id: true, accountId: true, tokenExpiresAt: true, account: { select: { organizationId: true } } },
  });
  if (!handoff?.tokenExpiresAt || handoff.tokenExpiresAt.getTime() <= ctx.now().getTime()) return undefined;
  return { handoffId: handoff.id, accountId: handoff.accountId, organizationId: handoff.account.organizationId };
}
