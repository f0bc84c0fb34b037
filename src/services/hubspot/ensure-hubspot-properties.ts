import { z } from 'zod';
import { THREAD_COMPANY_PROPERTIES, THREAD_PROPERTY_GROUP } from '../../domain/hubspot-onboarding';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import type { HubSpotWritePort } from './hubspot-write-port';
import { startWriteBack } from './write-back/start-write-back';

const optionsSchema = z.object({ organizationId: z.string().min(1) });

export interface EnsuredHubSpotProperties {
  /** Whether Thread's property group had to be made. */
  groupCreated: boolean;
  /** The internal names of the properties made now; empty when every one was there. */
  propertiesCreated: string[];
}

/**
 * Makes Thread's company property group ("Thread onboarding") and properties in the organisation's HubSpot account
 * when they are not there, and starts the write-back (its audit-trail cursor begins now). Idempotent: a second run
 * reads two lists and creates nothing, and one racing another takes HubSpot's 409 as "already there".
 *
 * Called when HubSpot is connected (the connect flow has already checked the admin), and by the write-back when a
 * company update names properties HubSpot does not have; so it takes no actor. Nothing in Thread changes but the
 * write-back's own row (when the properties were last known to be there), so there is nothing to audit.
 */
export async function ensureHubSpotProperties(
  ctx: ServiceContext,
  deps: { hubspot: HubSpotWritePort },
  input: z.input<typeof optionsSchema>,
): Promise<EnsuredHubSpotProperties> {
  const o = parseOptions(optionsSchema, input);
  // First, so a HubSpot that fails now still has the write-back's start recorded at connection time.
  await startWriteBack(ctx.prisma, o.organizationId, ctx.now());

  const groups = await deps.hubspot.propertyGroups('companies');
  const groupCreated =
    !groups.some((g) => g.name === THREAD_PROPERTY_GROUP.name) &&
    (await deps.hubspot.createPropertyGroup('companies', THREAD_PROPERTY_GROUP)) === 'created';

  const existing = new Set((await deps.hubspot.properties('companies')).map((p) => p.name));
  const propertiesCreated: string[] = [];
  for (const definition of THREAD_COMPANY_PROPERTIES) {
    if (existing.has(definition.name)) continue;
    if ((await deps.hubspot.createProperty('companies', definition)) === 'created')
      propertiesCreated.push(definition.name);
  }

  await ctx.prisma.hubSpotWriteBack.update({
    where: { organizationId: o.organizationId },
    data: { propertiesReadyAt: ctx.now() },
  });
  return { groupCreated, propertiesCreated };
}
