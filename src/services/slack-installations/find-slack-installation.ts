import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { refreshExpiringBotToken } from './refresh-expiring-bot-token';
import {
  botTokenNeedsRefresh,
  installationWhere,
  openInstallationSecrets,
  type SlackInstallationDeps,
} from './slack-installation-deps';

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
  let secrets = openInstallationSecrets(deps, row.credentials);
  let expiresAt = row.botTokenExpiresAt;
  // Refreshed here, under the row's lock, rather than by Bolt's authorize: Bolt would refresh without a lock, and two
  // processes trading one refresh token would leave one of them with a dead token.
  if (botTokenNeedsRefresh(expiresAt, ctx.now())) {
    const refreshed = await refreshExpiringBotToken(ctx, deps, { organizationId: row.organizationId });
    if (!refreshed) return null;
    secrets = refreshed;
    expiresAt =
      (
        await ctx.prisma.slackInstallation.findUnique({
          where: { organizationId: row.organizationId },
          select: { botTokenExpiresAt: true },
        })
      )?.botTokenExpiresAt ?? null;
  }
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
