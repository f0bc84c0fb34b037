import { z } from 'zod';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { accountActorSchema, authorizeAccountChange } from '../permissions/authorize-account-change';
import { PRIMARY_CONTACT_FIRST } from '../contacts/primary-contact-first';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  accountId: z.string().min(1),
  actor: accountActorSchema,
  /** What the person is about to do, for the refusal ("send portal links"). */
  doing: z.string().min(1),
});

export interface PortalContact {
  id: string;
  name: string;
  email: string;
  isPrimary: boolean;
  /** Links that would open the portal right now (not revoked, not expired). */
  activeLinks: number;
}

export interface PortalContacts {
  accountId: string;
  accountName: string;
  /** Primary contact first, then by age: the order createPortalLink picks its default from. */
  contacts: PortalContact[];
}

/**
 * The contacts of an account with how many live portal links each has, for choosing whom to send a link to or
 * whose links to revoke. Links are credentials, so only the account's CSM or an admin may see this.
 */
export async function listPortalContacts(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<PortalContacts> {
  const o = parseOptions(optionsSchema, input);
  const account = await ctx.prisma.account.findFirst({
    where: { id: o.accountId, organizationId: o.organizationId },
    select: {
      id: true,
      name: true,
      csmId: true,
      contacts: {
        orderBy: PRIMARY_CONTACT_FIRST,
        select: { id: true, name: true, email: true, isPrimary: true },
      },
    },
  });
  if (!account) throw new AppError('not_found', 'that account no longer exists');
  await authorizeAccountChange(ctx.prisma, {
    organizationId: o.organizationId,
    actor: o.actor,
    account,
    doing: o.doing,
  });
  const live = await ctx.prisma.portalAccess.findMany({
    where: { accountId: account.id, revokedAt: null, expiresAt: { gt: ctx.now() } },
    select: { contactId: true },
  });
  const counts = new Map<string, number>();
  for (const l of live) counts.set(l.contactId, (counts.get(l.contactId) ?? 0) + 1);
  return {
    accountId: account.id,
    accountName: account.name,
    contacts: account.contacts.map((c) => ({ ...c, activeLinks: counts.get(c.id) ?? 0 })),
  };
}
