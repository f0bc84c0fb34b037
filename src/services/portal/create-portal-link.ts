import { z } from 'zod';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { accountActorSchema, authorizeAccountChange } from '../permissions/authorize-account-change';
import { mintPortalLink, type CreatedPortalLink } from './mint-portal-link';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  accountId: z.string().min(1),
  /** Which contact the link is for; the account's primary contact (or its first) when unset. */
  contactEmail: z.string().trim().toLowerCase().email('expected an email address').optional(),
  actor: accountActorSchema,
  publicUrl: z.url({ protocol: /^https?$/, error: 'expected the http(s) base URL of Thread' }),
  ttlDays: z.number().int().optional(),
});

export type CreatePortalLinkOptions = z.input<typeof optionsSchema>;

/**
 * A person asks for a fresh portal link ("Copy portal link", `thread portal link`). Links are credentials to the
 * customer's portal, so only the account's CSM or an admin (or the operator's command line) may make one.
 */
export async function createPortalLink(
  ctx: ServiceContext,
  input: CreatePortalLinkOptions,
): Promise<CreatedPortalLink> {
  const o = parseOptions(optionsSchema, input);
  const account = await ctx.prisma.account.findFirst({
    where: { id: o.accountId, organizationId: o.organizationId },
    select: { id: true, name: true, csmId: true },
  });
  if (!account) throw new AppError('not_found', 'that account does not exist.');
  const person = await authorizeAccountChange(ctx.prisma, {
    organizationId: o.organizationId,
    actor: o.actor,
    account,
    doing: 'make portal links',
  });
  return mintPortalLink(ctx, {
    accountId: account.id,
    contactEmail: o.contactEmail,
    actor: person.auditActor,
    publicUrl: o.publicUrl,
    ttlDays: o.ttlDays,
  });
}
