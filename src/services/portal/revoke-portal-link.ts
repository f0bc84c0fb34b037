import { z } from 'zod';
import { AppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';

const optionsSchema = z
  .object({
    /** One link. */
    portalAccessId: z.string().min(1).optional(),
    /** Or every live link of an account, optionally only one contact's. */
    accountId: z.string().min(1).optional(),
    contactEmail: z.string().trim().toLowerCase().email('expected an email address').optional(),
    actor: z.string().min(1),
  })
  .refine(
    (o) => Boolean(o.portalAccessId) !== Boolean(o.accountId),
    'name either one link (portalAccessId) or an account (accountId)',
  );

export type RevokePortalLinkOptions = z.input<typeof optionsSchema>;

/** Revokes links at once (they stop working on the next request); returns how many were live. */
export async function revokePortalLink(
  ctx: ServiceContext,
  input: RevokePortalLinkOptions,
): Promise<{ revoked: number }> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  return ctx.prisma.$transaction(async (tx) => {
    let contactId: string | undefined;
    if (o.accountId && o.contactEmail) {
      const contact = await tx.contact.findUnique({
        where: { accountId_email: { accountId: o.accountId, email: o.contactEmail } },
      });
      if (!contact) throw new AppError('not_found', `${o.contactEmail} is not a contact of that account`);
      contactId = contact.id;
    }
    const live = await tx.portalAccess.findMany({
      where: {
        ...(o.portalAccessId
          ? { id: o.portalAccessId }
          : { accountId: o.accountId, ...(contactId ? { contactId } : {}) }),
        revokedAt: null,
        expiresAt: { gt: now },
      },
      select: { id: true, accountId: true, account: { select: { organizationId: true } } },
    });
    if (o.portalAccessId && live.length === 0) {
      const exists = await tx.portalAccess.findUnique({ where: { id: o.portalAccessId }, select: { id: true } });
      if (!exists) throw new AppError('not_found', `portal link ${o.portalAccessId} does not exist`);
    }
    for (const access of live) {
      await tx.portalAccess.update({ where: { id: access.id }, data: { revokedAt: now } });
      await recordAuditEvent(tx, {
        organizationId: access.account.organizationId,
        accountId: access.accountId,
        entityType: 'portal_access',
        entityId: access.id,
        actor: o.actor,
        from: 'active',
        to: 'revoked',
        at: now,
      });
    }
    return { revoked: live.length };
  });
}
