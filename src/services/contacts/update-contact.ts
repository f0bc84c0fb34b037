import { z } from 'zod';
import { checkContactRoleChange, FORMER_PRIMARY_ROLE } from '../../domain/contact-rules';
import { checkEmailAddress } from '../../domain/email-address';
import { AppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { fieldErrors, type FieldProblem } from '../errors/field-errors';
import { parseOptions } from '../errors/parse-options';
import { actingPersonSchema } from '../people/acting-person';
import {
  checkContactName,
  checkContactTitle,
  CONTACT_SELECT,
  contactRoleSchema,
  describeContact,
  loadAccountForContacts,
  slackUserIdSchema,
  type ContactView,
} from './contact-change';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  actor: actingPersonSchema,
  contactId: z.string().min(1),
  /** Only the fields given change; null clears the title or the Slack user. */
  changes: z
    .object({
      name: z.string(),
      email: z.string(),
      title: z.string().nullable(),
      role: contactRoleSchema,
      slackUserId: slackUserIdSchema.nullable(),
    })
    .partial()
    .strict(),
});

type Field = 'name' | 'email' | 'title' | 'role' | 'slackUserId';

/**
 * Edits a contact (the account's CSM or an admin). Making them primary demotes the current primary in the same
 * transaction; the primary stops being primary only by another taking the role. An email already used by another
 * contact of the account is refused. One audit row per changed field, from → to.
 */
export async function updateContact(ctx: ServiceContext, input: z.input<typeof optionsSchema>): Promise<ContactView> {
  const o = parseOptions(optionsSchema, input);
  const c = o.changes;
  const problems: FieldProblem[] = [];
  const wanted: Partial<Pick<ContactView, Field>> = {};
  if (c.name !== undefined) wanted.name = checkContactName(c.name, problems);
  if (c.title !== undefined) wanted.title = checkContactTitle(c.title, problems);
  if (c.email !== undefined) {
    const email = checkEmailAddress(c.email);
    if (email.ok) wanted.email = email.value;
    else problems.push({ field: 'email', message: email.message });
  }
  if (c.slackUserId !== undefined) wanted.slackUserId = c.slackUserId;
  if (c.role !== undefined) wanted.role = c.role;
  if (problems.length > 0) throw fieldErrors(problems);
  const now = ctx.now();

  return ctx.prisma.$transaction(async (tx) => {
    const found = await tx.contact.findFirst({
      where: { id: o.contactId, account: { organizationId: o.organizationId } },
      select: { accountId: true },
    });
    if (!found) throw new AppError('not_found', 'that contact does not exist.');
    const { account, person } = await loadAccountForContacts(tx, { ...o, accountId: found.accountId });
    const before = await tx.contact.findUniqueOrThrow({ where: { id: o.contactId }, select: CONTACT_SELECT });

    if (wanted.role !== undefined) {
      const allowed = checkContactRoleChange(before.role, wanted.role);
      if (!allowed.ok) throw fieldErrors([{ field: 'role', message: allowed.message }]);
    }
    if (wanted.email !== undefined && wanted.email !== before.email) {
      const taken = await tx.contact.findFirst({
        where: { accountId: account.id, email: wanted.email, id: { not: before.id } },
        select: { name: true },
      });
      if (taken) {
        throw fieldErrors([
          { field: 'email', message: `${wanted.email} is already a contact of ${account.name} (${taken.name}).` },
        ]);
      }
    }
    const fields: Field[] = ['name', 'email', 'title', 'role', 'slackUserId'];
    const changed = fields.filter((f) => wanted[f] !== undefined && wanted[f] !== before[f]);
    if (changed.length === 0) return before;

    const audit = { organizationId: o.organizationId, accountId: account.id, actor: person.auditActor, at: now };
    if (changed.includes('role') && wanted.role === 'primary') {
      const formers = await tx.contact.findMany({
        where: { accountId: account.id, role: 'primary', id: { not: before.id } },
        select: { id: true, name: true, email: true },
      });
      for (const former of formers) {
        await tx.contact.update({ where: { id: former.id }, data: { role: FORMER_PRIMARY_ROLE, isPrimary: false } });
        await recordAuditEvent(tx, {
          ...audit,
          entityType: 'contact',
          entityId: former.id,
          from: 'primary',
          to: FORMER_PRIMARY_ROLE,
          reason: `${describeContact(former)} is no longer the primary contact`,
        });
      }
    }
    const after = await tx.contact.update({
      where: { id: before.id },
      data: { ...wanted, ...(wanted.role !== undefined ? { isPrimary: wanted.role === 'primary' } : {}) },
      select: CONTACT_SELECT,
    });
    for (const field of changed) {
      await recordAuditEvent(tx, {
        ...audit,
        entityType: 'contact',
        entityId: before.id,
        from: before[field],
        to: after[field],
        reason: `contact ${field} changed`,
        data: { field },
      });
    }
    return after;
  });
}
