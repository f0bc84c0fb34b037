import type { Organization } from '../../db/generated/client';
import type { ServiceContext } from '../context';

export const DEFAULT_ORGANIZATION_SLUG = 'default';

/**
 * The organisation the command line and a single-team install work in: the oldest one, created on first use.
 * (A Slack install binds its team to an organisation; until then everything lives in this one.)
 */
export async function getDefaultOrganization(
  ctx: ServiceContext,
  options: { name?: string } = {},
): Promise<Organization> {
  const existing = await ctx.prisma.organization.findFirst({ orderBy: { createdAt: 'asc' } });
  if (existing) return existing;
  return ctx.prisma.organization.upsert({
    where: { slug: DEFAULT_ORGANIZATION_SLUG },
    create: { slug: DEFAULT_ORGANIZATION_SLUG, name: options.name ?? 'My company' },
    update: {},
  });
}
