import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import type { SlackOrganization } from '../organizations/resolve-organization-for-slack';
import { installationWhere } from './slack-installation-deps';

const optionsSchema = z.object({ teamId: z.string().min(1).optional(), enterpriseId: z.string().min(1).optional() });

/**
 * The organisation a Slack request belongs to when Thread is installed through OAuth: the one whose installation
 * serves that team (or that grid, for an org-wide install). Null when Thread is not installed there.
 */
export async function findInstalledOrganization(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<SlackOrganization | null> {
  const o = parseOptions(optionsSchema, input);
  if (!o.teamId && !o.enterpriseId) return null;
  const row = await ctx.prisma.slackInstallation.findFirst({
    where: installationWhere(o),
    orderBy: { isEnterpriseInstall: 'asc' },
    select: { organization: { select: { id: true, name: true, timezone: true } } },
  });
  return row ? { ...row.organization, created: false } : null;
}
