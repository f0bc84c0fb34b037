import { z } from 'zod';
import { AppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { accountActorSchema, authorizeAccountChange } from '../permissions/authorize-account-change';

const optionsSchema = z
  .object({
    organizationId: z.string().min(1),
    /** One link. */
    portalAccessId: z.string().min(1).optional(),
    /** Or every live link of an account, optionally only one contact's. */
    accountId: z.string().min(1).optional(),
    contactEmail: z.string().trim().toLowerCase().email('expected an email address').optional(),
    actor: accountActorSchema,
  })
  .refine(
    (o) => Boolean(o.portalAccessId) !== Boolean(o.accountId),
    'name either one link (portalAccessId) or an account (accountId)',
  );

export type RevokePortalLinkOptions = z.input<typeof optionsSchema>;

/**
 * Revokes links at once (they stop working on the next request); returns how many were live. Only the account's
 * CSM or an admin may: revoking cuts the customer off their portal.
 */
export async function revokePortalLink(
  ctx: ServiceContext,
  input: RevokePortalLinkOptions,
): Promise<{ revoked: number }> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  return ctx.prisma.$transaction(async (tx) => {
    const accountId =
      o.accountId ??
      (
        await tx.portalAccess.findFirst({
          where: { id: o.portalAccessId, account: { organizationId: o.organizationId } },
          select: { accountId: true },
        })
      )?.accountId;
    const account = accountId
      ? await tx.account.findFirst({
          where: { id: accountId, organizationId: o.organizationId },
          select: { id: true, name: true, csmId: true },
        })
      : null;
    if (!account) {
      throw new AppError(
        'not_found',
        o.portalAccessId ? `portal link ${o.portalAccessId} does not exist` : 'that account does not exist.',
      );
    }
    const person = await authorizeAccountChange(tx, {
      organizationId: o.organizationId,
      actor: o.actor,
      account,
      doing: 'revoke portal links',
    });
    let contactId: string | undefined;
    if (o.contactEmail) {
      const contact = await tx.contact.findUnique({
        where: { accountId_email: { accountId: account.id, email: o.contactEmail } },
      });
      if (!contact) throw new AppError('not_found', `${o.contactEmail} is not a contact of ${account.name}`);
      contactId = contact.id;
    }
    const live = await tx.portalAccess.findMany({
      where: {
        accountId: account.id,
        ...(o.portalAccessId ? { id: o.portalAccessId } : {}),
        ...(contactId ? { contactId } : {}),
        revokedAt: null,
        expiresAt: { gt: now },
      },
      select: { id: true },
    });
    for (const access of live) {
      await tx.portalAccess.update({ where: { id: access.id }, data: { revokedAt: now } });
      await recordAuditEvent(tx, {
        organizationId: o.organizationId,
        accountId: account.id,
        entityType: 'portal_access',
        entityId: access.id,
        actor: person.auditActor,
        from: 'active',
        to: 'revoked',
        at: now,
      });
    }
    return { revoked: live.length };
  });
}
