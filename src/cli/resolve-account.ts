import { AppError } from '../lib/errors';
import { findAccounts } from '../services/accounts/find-accounts';
import type { ServiceContext } from '../services/context';
import { findOperatorOrganization } from '../services/organizations/find-operator-organization';

/**
 * The account a name (or part of one, or an id) points at, in the organisation the command works on; several
 * matches are listed rather than guessed.
 */
export async function resolveAccount(
  ctx: ServiceContext,
  query: string,
  org: string | undefined,
): Promise<{ id: string; name: string; organizationId: string }> {
  const { id: organizationId } = await findOperatorOrganization(ctx, { org });
  const byId = await ctx.prisma.account.findFirst({
    where: { id: query, organizationId },
    select: { id: true, name: true },
  });
  if (byId) return { ...byId, organizationId };
  const found = await findAccounts(ctx, { organizationId, query });
  const only = found[0];
  if (found.length === 1 && only) return { id: only.id, name: only.name, organizationId };
  if (found.length === 0)
    throw new AppError('not_found', `no account matches "${query}" (see: npm run thread -- accounts list)`);
  throw new AppError(
    'validation_failed',
    `"${query}" matches several accounts: ${found.map((a) => a.name).join(', ')}; give the full name`,
  );
}
