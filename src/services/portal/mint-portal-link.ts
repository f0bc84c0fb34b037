import { z } from 'zod';
import { AppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { generatePortalToken, hashPortalToken, portalUrl } from './portal-token';
import { PRIMARY_CONTACT_FIRST } from '../contacts/primary-contact-first';

const optionsSchema = z.object({
  accountId: z.string().min(1),
  /** Which contact the link is for; the account's primary contact (or its first) when unset. */
  contactEmail: z.string().trim().toLowerCase().email('expected an email address').optional(),
  /** Who the audit trail names: the person who asked (already authorized by the caller), or "system". */
  actor: z.string().min(1),
  publicUrl: z.url({ protocol: /^https?$/, error: 'expected the http(s) base URL of Thread' }),
  ttlDays: z
    .number()
    .int()
    .min(1, 'a link lives at least one day')
    .max(365, 'a link lives at most 365 days')
    .default(30),
});

export type MintPortalLinkOptions = z.input<typeof optionsSchema>;

export interface CreatedPortalLink {
  url: string;
  portalAccessId: string;
  contactId: string;
  contactEmail: string;
  expiresAt: Date;
}

/**
 * A fresh magic link for one contact of an account. Earlier links stay valid until they expire or are revoked
 * (the customer may still have the older email open). The token exists only in the returned URL.
 *
 * This is the step, not the use case: it checks no one's rights. People go through createPortalLink (or
 * sendPortalLink); Thread itself mints here when it sends a portal request or a reminder.
 */
export async function mintPortalLink(ctx: ServiceContext, input: MintPortalLinkOptions): Promise<CreatedPortalLink> {
  const o = parseOptions(optionsSchema, input);
  return ctx.prisma.$transaction(async (tx) => {
    const account = await tx.account.findUnique({
      where: { id: o.accountId },
      select: {
        id: true,
        name: true,
        organizationId: true,
        contacts: { orderBy: PRIMARY_CONTACT_FIRST, select: { id: true, email: true } },
      },
    });
    if (!account) throw new AppError('not_found', `account ${o.accountId} does not exist`);
    const contact = o.contactEmail
      ? account.contacts.find((c) => c.email.toLowerCase() === o.contactEmail)
      : account.contacts[0];
    if (!contact) {
      const known = account.contacts.map((c) => c.email).join(', ');
      throw new AppError(
        'not_found',
        o.contactEmail
          ? `${o.contactEmail} is not a contact of ${account.name}${known ? ` (contacts: ${known})` : ''}`
          : `${account.name} has no contacts yet: add one before sending a portal link`,
      );
    }
    const token = generatePortalToken();
    const now = ctx.now();
    const expiresAt = new Date(now.getTime() + o.ttlDays * 86_400_000);
    const access = await tx.portalAccess.create({
      data: {
        accountId: account.id,
        contactId: contact.id,
        tokenHash: hashPortalToken(token),
        expiresAt,
        createdBy: o.actor,
        createdAt: now,
      },
    });
    await recordAuditEvent(tx, {
      organizationId: account.organizationId,
      accountId: account.id,
      entityType: 'portal_access',
      entityId: access.id,
      actor: o.actor,
      to: 'active',
      reason: `portal link for ${contact.email}, valid ${o.ttlDays} days`,
      at: now,
    });
    return {
      url: portalUrl(o.publicUrl, token),
      portalAccessId: access.id,
      contactId: contact.id,
      contactEmail: contact.email,
      expiresAt,
    };
  });
}
