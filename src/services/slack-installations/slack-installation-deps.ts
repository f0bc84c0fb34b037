/**
 * What the Slack installation services need besides the database: the secret box that seals bot tokens under
 * THREAD_ENCRYPTION_KEY, as Connection credentials are sealed.
 */
import { z } from 'zod';
import type { SecretBox } from '../../lib/secret-box';

export interface SlackInstallationDeps {
  secrets: SecretBox;
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
