import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import {
  botTokenNeedsRefresh,
  openInstallationSecrets,
  sealInstallationSecrets,
  type InstallationSecrets,
  type SlackInstallationDeps,
} from './slack-installation-deps';

const optionsSchema = z.object({ organizationId: z.string().min(1) });

/** Slack answers a refresh in well under a second; the row stays locked no longer than this. */
const REFRESH_TRANSACTION_MS = 20_000;

/**
 * Token rotation: the organisation's bot token, refreshed first when it expires within two hours. The refresh runs
 * under the installation row's lock, so with several processes (or a request and a scheduler tick at once) one of
 * them refreshes and the others wait and then use the token it stored: a refresh token is good once, and a second
 * refresh would fail. Null when the organisation has no installation (or it was removed).
 */
export async function refreshExpiringBotToken(
  ctx: ServiceContext,
  deps: SlackInstallationDeps,
  input: z.input<typeof optionsSchema>,
): Promise<InstallationSecrets | null> {
  const o = parseOptions(optionsSchema, input);
  return ctx.prisma.$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<{ id: string; credentials: string | null; botTokenExpiresAt: Date | null }[]>`
        SELECT "id", "credentials", "botTokenExpiresAt" FROM "SlackInstallation"
        WHERE "organizationId" = ${o.organizationId} FOR UPDATE`;
      const row = rows[0];
      if (!row?.credentials) return null;
      const secrets = openInstallationSecrets(deps, row.credentials);
      const now = ctx.now();
      // Someone else refreshed while this waited for the lock, or there is nothing to refresh with.
      if (!botTokenNeedsRefresh(row.botTokenExpiresAt, now) || !secrets.botRefreshToken || !deps.refreshBotToken)
        return secrets;
      const fresh = await deps.refreshBotToken(secrets.botRefreshToken);
      const refreshed = { botToken: fresh.botToken, botRefreshToken: fresh.botRefreshToken };
      await tx.slackInstallation.update({
        where: { id: row.id },
        data: {
          credentials: sealInstallationSecrets(deps, refreshed),
          botTokenExpiresAt: new Date(now.getTime() + fresh.expiresInSeconds * 1000),
        },
      });
      ctx.logger.info({ organizationId: o.organizationId }, 'refreshed the Slack bot token (token rotation)');
      return refreshed;
    },
    { timeout: REFRESH_TRANSACTION_MS, maxWait: REFRESH_TRANSACTION_MS },
  );
}
