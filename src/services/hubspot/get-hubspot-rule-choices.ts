import { z } from 'zod';
import type { HubSpotRules } from '../../domain/hubspot-rules';
import { can } from '../../domain/roles';
import { isAppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { actingPersonSchema, assertCapability, loadActingPerson } from '../people/acting-person';
import { loadHubSpotConnection, loadHubSpotState } from './hubspot-connection';
import type { HubSpotDeps } from './hubspot-deps';
import type { HubSpotPipeline } from './hubspot-port';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  actor: actingPersonSchema,
  /** False when only the people and templates are wanted (no call to HubSpot). */
  withPipelines: z.boolean().default(true),
});

export interface HubSpotRuleChoices {
  rules: HubSpotRules;
  /** The deal pipelines and their stages, or null when HubSpot could not be asked (see pipelinesProblem). */
  pipelines: HubSpotPipeline[] | null;
  pipelinesProblem: string | null;
  templates: string[];
  /** The people who can run accounts (CSMs and admins). */
  csms: { userId: string; name: string; email: string | null }[];
}

/** What the HubSpot rules form offers (admins only): the rules now, HubSpot's pipelines, the templates and CSMs. */
export async function getHubSpotRuleChoices(
  ctx: ServiceContext,
  deps: HubSpotDeps,
  input: z.input<typeof optionsSchema>,
): Promise<HubSpotRuleChoices> {
  const o = parseOptions(optionsSchema, input);
  const person = await loadActingPerson(ctx.prisma, o.organizationId, o.actor);
  assertCapability(person, 'manage_connectors', 'change the HubSpot rules');
  const connection = await loadHubSpotConnection(ctx.prisma, deps, o.organizationId);
  const state = connection?.state ?? (await loadHubSpotState(ctx.prisma, o.organizationId));
  let pipelines: HubSpotPipeline[] | null = null;
  let pipelinesProblem: string | null = 'HubSpot is not connected, so its pipelines cannot be listed.';
  if (!o.withPipelines) pipelinesProblem = null;
  else if (connection) {
    try {
      pipelines = await deps.connect(connection.credentials).dealPipelines();
      pipelinesProblem = null;
    } catch (error) {
      if (!isAppError(error)) throw error;
      pipelinesProblem = `HubSpot's pipelines could not be read: ${error.message}`;
    }
  }
  const [templates, people] = await Promise.all([
    ctx.prisma.template.findMany({
      where: { organizationId: o.organizationId },
      orderBy: { name: 'asc' },
      select: { name: true },
    }),
    ctx.prisma.user.findMany({
      where: { organizationId: o.organizationId, addedAt: { not: null } },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      select: { id: true, name: true, email: true, role: true },
    }),
  ]);
  return {
    rules: state.rules,
    pipelines,
    pipelinesProblem,
    templates: templates.map((t) => t.name),
    csms: people
      .filter((p) => can(p.role, 'manage_own_accounts'))
      .map((p) => ({ userId: p.id, name: p.name, email: p.email })),
  };
}
