import type { Context } from '@slack/bolt';
import { removeSlackInstallationTokens } from '../../../services/slack-installations/remove-slack-installation-tokens';
import type { SlackDeps } from '../../deps';

/** What app_uninstalled and tokens_revoked share: the tokens go, and the log says Slack work stops. */
export async function forgetSlackInstallation(
  deps: SlackDeps,
  context: Context,
  because: 'app_uninstalled' | 'tokens_revoked',
): Promise<void> {
  const where = {
    teamId: context.teamId,
    enterpriseId: context.enterpriseId,
    isEnterpriseInstall: context.isEnterpriseInstall === true,
  };
  const removed = await removeSlackInstallationTokens(deps.ctx, { ...where, because });
  if (removed)
    deps.logger.warn(
      { ...where, organizationId: removed.organizationId, because },
      'Slack removed Thread’s tokens: deleted; no Slack work for this organisation until it is reinstalled (its data is kept)',
    );
  else deps.logger.info({ ...where, because }, 'Slack removed Thread’s tokens: no stored installation to delete');
}
