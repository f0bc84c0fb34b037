import { z } from 'zod';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { getPortalPage, type PortalPage } from './get-portal-page';
import { verifyPreviewToken } from './preview-link';

const optionsSchema = z.object({
  /** The signed part of a preview link (see preview-link.ts). */
  token: z.string().max(200),
  /** The portal signing key. */
  secret: z.instanceof(Buffer),
});

/**
 * The portal page an account's primary contact sees, for a valid preview link (the team's read-only view, written
 * to the CRM instead of a magic link). Reading only: no visit is recorded (a colleague looking is not customer
 * engagement) and no link or session is made. Undefined for a link that does not verify; not_found when the account
 * is gone or has no contact yet, so there is no portal to show.
 */
export async function getPortalPreview(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<PortalPage | undefined> {
  const o = parseOptions(optionsSchema, input);
  const verified = verifyPreviewToken({ secret: o.secret, token: o.token, now: ctx.now() });
  if (!verified) return undefined;
  const account = await ctx.prisma.account.findUnique({
    where: { id: verified.accountId },
    select: {
      organizationId: true,
      contacts: { orderBy: [{ isPrimary: 'desc' }, { createdAt: 'asc' }], take: 1, select: { id: true } },
    },
  });
  if (!account) throw new AppError('not_found', 'this account is no longer in Thread');
  const contact = account.contacts[0];
  if (!contact)
    throw new AppError('not_found', 'this account has no contact yet, so there is no customer portal to preview');
  return getPortalPage(ctx, {
    session: {
      portalAccessId: '',
      accountId: verified.accountId,
      organizationId: account.organizationId,
      contactId: contact.id,
    },
  });
}
