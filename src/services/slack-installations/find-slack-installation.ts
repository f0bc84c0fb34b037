import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { currentInstallationSecrets } from './current-installation-secrets';
import { installationWhere, type SlackInstallationDeps } from './slack-installation-deps';

const optionsSchema = z
  .object({
    teamId: z.string().min(1).optional(),
    enterpriseId: z.string().min(1).optional(),
    isEnterpriseInstall: z.boolean().default(false),
  })
  .refine((o) => o.teamId !== undefined || o.enterpriseId !== undefined, {
    message: 'a team id or an enterprise id is needed',
  });

export interface FoundSlackInstallation {
  organizationId: string;
  teamId: string | null;
  teamName: string;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
  appId: string | null;
  botId: string | null;
  botUserId: string | null;
  botScopes: string[];
  installerSlackUserId: string | null;
  botToken: string;
  botRefreshToken?: string;
  /** Unix seconds; only with token rotation. */
  botTokenExpiresAt?: number;
}

/**
 * The installation that serves a request from this team (or this grid's org-wide install), with its tokens opened;
 * null when Thread was never installed there, or was uninstalled (its tokens are gone until a reinstall).
 */
export async function findSlackInstallation(
  ctx: ServiceContext,
  deps: SlackInstallationDeps,
  input: z.input<typeof optionsSchema>,
): Promise<FoundSlackInstallation | null> {
  const o = parseOptions(optionsSchema, input);
  const row = await ctx.prisma.slackInstallation.findFirst({
    where: { ...installationWhere(o), credentials: { not: null } },
    // A workspace's own install comes before its grid's org-wide one.
    orderBy: { isEnterpriseInstall: 'asc' },
    include: { organization: { select: { name: true } } },
  });
  if (!row?.credentials) return null;
  const current = await currentInstallationSecrets(ctx, deps, { ...row, credentials: row.credentials });
  if (!current) return null;
  const { secrets, botTokenExpiresAt: expiresAt } = current;
  return {
    organizationId: row.organizationId,
    teamId: row.teamId,
    teamName: row.organization.name,
    enterpriseId: row.enterpriseId,
    isEnterpriseInstall: row.isEnterpriseInstall,
    appId: row.appId,
    botId: row.botId,
    botUserId: row.botUserId,
    botScopes: row.botScopes,
    installerSlackUserId: row.installerSlackUserId,
    botToken: secrets.botToken,
    ...(secrets.botRefreshToken ? { botRefreshToken: secrets.botRefreshToken } : {}),
    ...(expiresAt ? { botTokenExpiresAt: Math.floor(expiresAt.getTime() / 1000) } : {}),
  };
}
