/**
 * What the Slack installation services need besides the database: the secret box that seals bot tokens under
 * THREAD_ENCRYPTION_KEY, as Connection credentials are sealed.
 */
import { z } from 'zod';
import type { SecretBox } from '../../lib/secret-box';

export interface SlackInstallationDeps {
  secrets: SecretBox;
  /**
   * Trades a refresh token for a new bot token (oauth.v2.access, grant_type refresh_token) when the app has token
   * rotation on; absent where nothing may call Slack (then an expiring token is used as it is).
   */
  refreshBotToken?: (refreshToken: string) => Promise<RefreshedBotToken>;
}

export interface RefreshedBotToken {
  botToken: string;
  botRefreshToken: string;
  expiresInSeconds: number;
}

/** A rotating token is refreshed when it has less than this left (Bolt's own window), so no call meets an expired one. */
export const BOT_TOKEN_REFRESH_WINDOW_MS = 2 * 60 * 60 * 1000;

/** Whether a token expiring at `expiresAt` must be refreshed before use at `now`. */
export function botTokenNeedsRefresh(expiresAt: Date | null, now: Date): boolean {
  return expiresAt !== null && expiresAt.getTime() - now.getTime() <= BOT_TOKEN_REFRESH_WINDOW_MS;
}

/** The sealed part of an installation: what `credentials` holds once opened. */
export const installationSecretsSchema = z.object({
  botToken: z.string().min(1),
  botRefreshToken: z.string().min(1).optional(),
});
export type InstallationSecrets = z.infer<typeof installationSecretsSchema>;

export function sealInstallationSecrets(deps: SlackInstallationDeps, secrets: InstallationSecrets): string {
  return deps.secrets.seal(JSON.stringify(installationSecretsSchema.parse(secrets)));
}

export function openInstallationSecrets(deps: SlackInstallationDeps, sealed: string): InstallationSecrets {
  return installationSecretsSchema.parse(JSON.parse(deps.secrets.open(sealed)));
}

/**
 * Where a Slack request or event belongs: a workspace's own install is found by its team; a workspace of an
 * Enterprise Grid with an org-wide install by the grid's enterprise id.
 */
export function installationWhere(query: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }) {
  if (query.isEnterpriseInstall && query.enterpriseId)
    return { isEnterpriseInstall: true, enterpriseId: query.enterpriseId };
  const or: object[] = [];
  if (query.teamId) or.push({ isEnterpriseInstall: false, teamId: query.teamId });
  if (query.enterpriseId) or.push({ isEnterpriseInstall: true, enterpriseId: query.enterpriseId });
  return or.length > 0 ? { OR: or } : { id: '' };
}
