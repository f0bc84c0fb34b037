import type { Organization } from '../../db/generated/client';
import type { ServiceContext } from '../context';

export const DEFAULT_ORGANIZATION_SLUG = 'default';
/** The name of an organisation the command line made before anyone named it; Slack replaces it with the workspace's. */
export const PLACEHOLDER_ORGANIZATION_NAME = 'My company';

/**
 * The organisation the command line works in: the oldest one, created on first use. Slack requests find theirs
 * with resolveOrganizationForSlack, which takes this one over in single-workspace mode.
 */
export async function getDefaultOrganization(
  ctx: ServiceContext,
  options: { name?: string } = {},
): Promise<Organization> {
  const existing = await ctx.prisma.organization.findFirst({ orderBy: { createdAt: 'asc' } });
  if (existing) return existing;
  return ctx.prisma.organization.upsert({
    where: { slug: DEFAULT_ORGANIZATION_SLUG },
    create: { slug: DEFAULT_ORGANIZATION_SLUG, name: options.name ?? PLACEHOLDER_ORGANIZATION_NAME },
    update: {},
  });
}
