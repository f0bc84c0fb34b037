import type { ServiceContext } from '../context';
import { loadHubSpotConnection } from './hubspot-connection';
import type { HubSpotDeps } from './hubspot-deps';

/** The organisations with HubSpot connected (a token in Settings, or the environment's for the only one). */
export async function listHubSpotOrganizations(ctx: ServiceContext, deps: HubSpotDeps): Promise<string[]> {
  const candidates = await ctx.prisma.organization.findMany({
    where: deps.environment?.accessToken ? {} : { connections: { some: { kind: 'hubspot' } } },
    select: { id: true },
    orderBy: { createdAt: 'asc' },
  });
  const connected: string[] = [];
  for (const org of candidates) if (await loadHubSpotConnection(ctx.prisma, deps, org.id)) connected.push(org.id);
  return connected;
}
