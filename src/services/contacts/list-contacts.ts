import { z } from 'zod';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { actingPersonSchema, assertCapability, loadActingPerson } from '../people/acting-person';
import { CONTACT_SELECT, type ContactView } from './contact-change';
import { PRIMARY_CONTACT_FIRST } from './primary-contact-first';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  actor: actingPersonSchema,
  accountId: z.string().min(1),
});

/** An account's contacts, primary first; anyone in the organisation may read them. */
export async function listContacts(ctx: ServiceContext, input: z.input<typeof optionsSchema>): Promise<ContactView[]> {
  const o = parseOptions(optionsSchema, input);
  return ctx.prisma.$transaction(async (tx) => {
    assertCapability(await loadActingPerson(tx, o.organizationId, o.actor), 'read', 'read contacts');
    const account = await tx.account.findFirst({
      where: { id: o.accountId, organizationId: o.organizationId },
      select: { contacts: { orderBy: PRIMARY_CONTACT_FIRST, select: CONTACT_SELECT } },
    });
    if (!account) throw new AppError('not_found', 'that account does not exist.');
    return account.contacts;
  });
}
