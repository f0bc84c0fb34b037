import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { actingPersonSchema, assertCapability, loadActingPerson } from '../people/acting-person';
import { SETTINGS_SELECT, toSettings, type OrganizationSettings } from './organization-settings';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  actor: actingPersonSchema,
});

/** The organisation's settings, for anyone in it (everyone reads; admins change them). */
export async function getSettings(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<OrganizationSettings> {
  const o = parseOptions(optionsSchema, input);
  return ctx.prisma.$transaction(async (tx) => {
    assertCapability(await loadActingPerson(tx, o.organizationId, o.actor), 'read', 'read the settings');
    const row = await tx.organization.findUniqueOrThrow({ where: { id: o.organizationId }, select: SETTINGS_SELECT });
    return toSettings(row);
  });
}
