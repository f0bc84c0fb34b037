import type { ServiceContext } from '../context';
import { refreshExpiringBotToken } from './refresh-expiring-bot-token';
import {
  botTokenNeedsRefresh,
  openInstallationSecrets,
  type InstallationSecrets,
  type SlackInstallationDeps,
} from './slack-installation-deps';

/**
 * An installation's tokens as they are to be used now. A rotating bot token about to expire is refreshed first,
 * here under the row's lock rather than by Bolt's authorize: Bolt would refresh without one, and two processes
 * trading one refresh token would leave one of them holding a dead token. Null when the refresh found the
 * installation's tokens gone (an uninstall in between).
 */
export async function currentInstallationSecrets(
  ctx: ServiceContext,
  deps: SlackInstallationDeps,
  row: { organizationId: string; credentials: string; botTokenExpiresAt: Date | null },
): Promise<{ secrets: InstallationSecrets; botTokenExpiresAt: Date | null } | null> {
  if (!botTokenNeedsRefresh(row.botTokenExpiresAt, ctx.now()))
    return { secrets: openInstallationSecrets(deps, row.credentials), botTokenExpiresAt: row.botTokenExpiresAt };
  const refreshed = await refreshExpiringBotToken(ctx, deps, { organizationId: row.organizationId });
  if (!refreshed) return null;
  const after = await ctx.prisma.slackInstallation.findUnique({
    where: { organizationId: row.organizationId },
    select: { botTokenExpiresAt: true },
  });
  return { secrets: refreshed, botTokenExpiresAt: after?.botTokenExpiresAt ?? null };
}
