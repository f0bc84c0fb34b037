import type { Organization } from '../../db/generated/client';
import type { ServiceContext } from '../context';
import { ensureDefaultHandoffQuestions } from '../handoff/ensure-default-handoff-questions';

export const DEFAULT_ORGANIZATION_SLUG = 'default';
/** The name of an organisation the command line made before anyone named it; Slack replaces it with the workspace's. */
export const PLACEHOLDER_ORGANIZATION_NAME = 'My company';

/**
 * The organisation the command line works in: the oldest one, created on first use (with the default handoff
 * questions, as every new organisation). Slack requests find theirs with resolveOrganizationForSlack, which takes
 * this one over in single-workspace mode.
 */
export async function getDefaultOrganization(
  ctx: ServiceContext,
  options: { name?: string } = {},
): Promise<Organization> {
  const existing = await ctx.prisma.organization.findFirst({ orderBy: { createdAt: 'asc' } });
  if (existing) return existing;
  return ctx.prisma.$transaction(async (tx) => {
    const org = await tx.organization.upsert({
      where: { slug: DEFAULT_ORGANIZATION_SLUG },
      create: { slug: DEFAULT_ORGANIZATION_SLUG, name: options.name ?? PLACEHOLDER_ORGANIZATION_NAME },
      update: {},
    });
    // A concurrent first use may have made it a moment ago; the defaults go in only where there are no questions.
    await ensureDefaultHandoffQuestions(tx, { organizationId: org.id, actor: 'system', at: ctx.now() });
    return org;
  });
}
