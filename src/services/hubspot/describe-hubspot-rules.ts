import type { HubSpotRules } from '../../domain/hubspot-rules';
import type { ServiceContext } from '../context';

/** The HubSpot rules in words, one line each, with people by name: for the connector status and the CLI. */
export async function describeHubSpotRules(
  ctx: ServiceContext,
  organizationId: string,
  rules: HubSpotRules,
): Promise<string[]> {
  const ids = [
    ...(rules.csm.kind === 'fixed' ? [rules.csm.userId] : []),
    ...(rules.csm.kind === 'by_owner'
      ? [...Object.values(rules.csm.owners), ...(rules.csm.fallbackUserId ? [rules.csm.fallbackUserId] : [])]
      : []),
  ];
  const people = await ctx.prisma.user.findMany({
    where: { organizationId, id: { in: ids } },
    select: { id: true, name: true },
  });
  const name = (id: string) => people.find((p) => p.id === id)?.name ?? 'someone no longer in Thread';

  const pipelines = Object.entries(rules.triggerStages).filter(([, stages]) => stages.length > 0);
  const trigger =
    pipelines.length === 0
      ? 'Starts onboarding: a deal reaching a closed-won stage (closed, probability 100%) in any pipeline.'
      : `Starts onboarding: ${pipelines.map(([p, stages]) => `pipeline ${p} at ${stages.join(' or ')}`).join('; ')}; other pipelines at their closed-won stages.`;

  const csm =
    rules.csm.kind === 'none'
      ? 'CSM: nobody is assigned; an admin picks one.'
      : rules.csm.kind === 'fixed'
        ? `CSM: always ${name(rules.csm.userId)}.`
        : rules.csm.kind === 'round_robin'
          ? 'CSM: the CSMs in turn (round robin).'
          : `CSM: by deal owner (${Object.entries(rules.csm.owners)
              .map(([email, id]) => `${email} → ${name(id)}`)
              .join(', ')})${rules.csm.fallbackUserId ? `, anyone else → ${name(rules.csm.fallbackUserId)}` : ''}.`;

  const t = rules.template;
  const parts = [
    ...(t.byProperty
      ? [
          `deal property ${t.byProperty.property}: ${Object.entries(t.byProperty.values)
            .map(([v, tpl]) => `${v} → "${tpl}"`)
            .join(', ')}`,
        ]
      : []),
    ...Object.entries(t.byPipeline).map(([p, tpl]) => `pipeline ${p} → "${tpl}"`),
    t.defaultTemplate ? `otherwise "${t.defaultTemplate}"` : 'otherwise the only template, when there is one',
  ];
  return [trigger, csm, `Template: ${parts.join('; ')}.`, `ARR: from the deal property ${rules.arrProperty}.`];
}
