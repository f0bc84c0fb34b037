import { z } from 'zod';
import { checkContactRemoval } from '../../domain/contact-rules';
import { AppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { actingPersonSchema } from '../people/acting-person';
import { PORTAL_OPEN_STATUSES, PORTAL_TYPES } from '../scheduler/portal-throttle';
import { describeContact, loadAccountForContacts } from './contact-change';
import { PRIMARY_CONTACT_FIRST } from './primary-contact-first';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  actor: actingPersonSchema,
  contactId: z.string().min(1),
});

/**
 * Removes a contact (the account's CSM or an admin), with their portal links. The only contact of an account with
 * open portal requests stays, with the reason. When the primary goes, the next contact (oldest first) becomes
 * primary. Audited.
 */
export async function removeContact(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<{ removedId: string; newPrimaryId: string | null }> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  return ctx.prisma.$transaction(async (tx) => {
    const found = await tx.contact.findFirst({
      where: { id: o.contactId, account: { organizationId: o.organizationId } },
      select: { accountId: true },
    });
    if (!found) throw new AppError('not_found', 'that contact does not exist.');
    const { account, person } = await loadAccountForContacts(tx, { ...o, accountId: found.accountId });
    const contact = await tx.contact.findUniqueOrThrow({ where: { id: o.contactId } });
    const others = await tx.contact.findMany({
      where: { accountId: account.id, id: { not: contact.id } },
      orderBy: PRIMARY_CONTACT_FIRST,
      select: { id: true, name: true, email: true },
    });
    const open = await tx.action.findMany({
      where: { accountId: account.id, type: { in: [...PORTAL_TYPES] }, status: { in: [...PORTAL_OPEN_STATUSES] } },
      orderBy: { position: 'asc' },
      select: { name: true },
    });
    const allowed = checkContactRemoval({
      contactName: contact.name,
      accountName: account.name,
      otherContacts: others.length,
      openPortalRequests: open.map((a) => a.name),
    });
    if (!allowed.ok) throw new AppError('conflict', allowed.message);

    await tx.contact.delete({ where: { id: contact.id } });
    const audit = { organizationId: o.organizationId, accountId: account.id, actor: person.auditActor, at: now };
    await recordAuditEvent(tx, {
      ...audit,
      entityType: 'contact',
      entityId: contact.id,
      from: contact.role,
      to: 'removed',
      reason: `${describeContact(contact)} removed`,
    });
    const next = contact.role === 'primary' ? others[0] : undefined;
    if (next) {
      const before = await tx.contact.findUniqueOrThrow({ where: { id: next.id }, select: { role: true } });
      await tx.contact.update({ where: { id: next.id }, data: { role: 'primary', isPrimary: true } });
      await recordAuditEvent(tx, {
        ...audit,
        entityType: 'contact',
        entityId: next.id,
        from: before.role,
        to: 'primary',
        reason: `${describeContact(next)} is now the primary contact (${contact.name} was removed)`,
      });
    }
    return { removedId: contact.id, newPrimaryId: next?.id ?? null };
  });
}
