import { z } from 'zod';
import { CONTACT_ROLE_NAMES, FORMER_PRIMARY_ROLE, roleForNewContact } from '../../domain/contact-rules';
import { checkEmailAddress } from '../../domain/email-address';
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
  accountId: z.string().min(1),
  name: z.string(),
  email: z.string(),
  title: z.string().nullish(),
  /** The role on the project; the account's first contact is its primary whatever is asked. */
  role: contactRoleSchema.optional(),
  /** Their Slack user, for DMs, when they are in a shared channel. */
  slackUserId: slackUserIdSchema.nullish(),
});

/**
 * Adds a contact to an account (its CSM or an admin). Making them primary demotes the current primary to a
 * champion in the same transaction; an email already on the account is refused. Audited.
 */
export async function addContact(ctx: ServiceContext, input: z.input<typeof optionsSchema>): Promise<ContactView> {
  const o = parseOptions(optionsSchema, input);
  const problems: FieldProblem[] = [];
  const name = checkContactName(o.name, problems);
  const title = checkContactTitle(o.title ?? null, problems);
  const email = checkEmailAddress(o.email);
  if (!email.ok) problems.push({ field: 'email', message: email.message });
  if (problems.length > 0 || !email.ok) throw fieldErrors(problems);
  const now = ctx.now();

  return ctx.prisma.$transaction(async (tx) => {
    const { account, person } = await loadAccountForContacts(tx, o);
    const existing = await tx.contact.findMany({
      where: { accountId: account.id },
      select: { id: true, name: true, email: true, role: true },
    });
    const taken = existing.find((c) => c.email === email.value);
    if (taken) {
      throw fieldErrors([
        { field: 'email', message: `${email.value} is already a contact of ${account.name} (${taken.name}).` },
      ]);
    }
    const role = roleForNewContact(existing.length > 0, o.role);
    const audit = { organizationId: o.organizationId, accountId: account.id, actor: person.auditActor, at: now };
    if (role === 'primary') {
      for (const former of existing.filter((c) => c.role === 'primary')) {
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
    const contact = await tx.contact.create({
      data: {
        accountId: account.id,
        name,
        email: email.value,
        title,
        role,
        isPrimary: role === 'primary',
        slackUserId: o.slackUserId ?? null,
      },
      select: CONTACT_SELECT,
    });
    await recordAuditEvent(tx, {
      ...audit,
      entityType: 'contact',
      entityId: contact.id,
      to: role,
      reason: `${describeContact(contact)} added as ${CONTACT_ROLE_NAMES[role]}`,
    });
    return contact;
  });
}
