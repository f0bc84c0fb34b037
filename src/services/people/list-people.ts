import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { actingPersonSchema, assertCapability, loadActingPerson } from './acting-person';
import { PERSON_SELECT, toPersonSummary, type PersonSummary } from './person-summary';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  actor: actingPersonSchema,
  /** Also the people Thread has only seen (named as a CSM, or viewing by the setting). */
  includeNotAdded: z.boolean().default(false),
});

/** The organisation's people, admins first, then by name; anyone in the organisation may look. */
export async function listPeople(ctx: ServiceContext, input: z.input<typeof optionsSchema>): Promise<PersonSummary[]> {
  const o = parseOptions(optionsSchema, input);
  return ctx.prisma.$transaction(async (tx) => {
    assertCapability(await loadActingPerson(tx, o.organizationId, o.actor), 'read', 'see the people in Thread');
    const users = await tx.user.findMany({
      where: { organizationId: o.organizationId, ...(o.includeNotAdded ? {} : { addedAt: { not: null } }) },
      // PostgreSQL sorts enums in declaration order: admin, csm, ae, viewer, then lead (added later).
      orderBy: [{ role: 'asc' }, { name: 'asc' }, { id: 'asc' }],
      select: PERSON_SELECT,
    });
    return users.map(toPersonSummary);
  });
}
