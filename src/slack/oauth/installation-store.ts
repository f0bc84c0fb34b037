/**
 * Bolt's installation store on Thread's database: storeInstallation after an install (and after Bolt rotates a
 * token), fetchInstallation for Bolt's authorize on every request, deleteInstallation for completeness. The work is
 * the slack-installations services'; this only translates Bolt's Installation to their options and back.
 */
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { ServiceContext } from '../../services/context';
import { findSlackInstallation } from '../../services/slack-installations/find-slack-installation';
import {
  recordSlackInstallation,
  type RecordedSlackInstallation,
} from '../../services/slack-installations/record-slack-installation';
import { removeSlackInstallationTokens } from '../../services/slack-installations/remove-slack-installation-tokens';
import type { SlackInstallationDeps } from '../../services/slack-installations/slack-installation-deps';

export interface ThreadInstallationStore extends InstallationStore {
  /** What storing an installation did (organisation made, installer admin…), for the install's welcome DM. */
  recorded(installation: Installation): RecordedSlackInstallation | undefined;
}

export function createInstallationStore(ctx: ServiceContext, deps: SlackInstallationDeps): ThreadInstallationStore {
  // The callback gets the very object that was stored, so the outcome is kept against it (and dropped with it).
  const outcomes = new WeakMap<Installation, RecordedSlackInstallation>();
  return {
    recorded: (installation) => outcomes.get(installation),

    async storeInstallation(installation) {
      if (!installation.bot) throw new Error('the install granted no bot token: Thread needs its bot scopes');
      const outcome = await recordSlackInstallation(ctx, deps, {
        teamId: installation.team?.id,
        teamName: installation.team?.name,
        enterpriseId: installation.enterprise?.id,
        enterpriseName: installation.enterprise?.name,
        isEnterpriseInstall: installation.isEnterpriseInstall === true,
        appId: installation.appId,
        botId: installation.bot.id,
        botUserId: installation.bot.userId,
        botScopes: installation.bot.scopes,
        botToken: installation.bot.token,
        botRefreshToken: installation.bot.refreshToken,
        botTokenExpiresAt: installation.bot.expiresAt,
        installerSlackUserId: installation.user.id,
      });
      outcomes.set(installation, outcome);
    },

    async fetchInstallation(query: InstallationQuery<boolean>) {
      const found = await findSlackInstallation(ctx, deps, {
        teamId: query.teamId,
        enterpriseId: query.enterpriseId,
        isEnterpriseInstall: query.isEnterpriseInstall,
      });
      // Bolt's authorize turns this into a refused request: nothing runs for a workspace without Thread's token.
      if (!found) throw new Error('Thread is not installed in this Slack workspace (or was uninstalled)');
      const installation: Installation<'v2', boolean> = {
        team: found.teamId ? { id: found.teamId, name: found.teamName } : undefined,
        enterprise: found.enterpriseId ? { id: found.enterpriseId } : undefined,
        user: { id: found.installerSlackUserId ?? '', token: undefined, scopes: undefined },
        bot: {
          token: found.botToken,
          refreshToken: found.botRefreshToken,
          expiresAt: found.botTokenExpiresAt,
          scopes: found.botScopes,
          id: found.botId ?? '',
          userId: found.botUserId ?? '',
        },
        appId: found.appId ?? undefined,
        tokenType: 'bot',
        isEnterpriseInstall: found.isEnterpriseInstall,
        authVersion: 'v2',
      };
      return installation;
    },

    async deleteInstallation(query: InstallationQuery<boolean>) {
      await removeSlackInstallationTokens(ctx, {
        teamId: query.teamId,
        enterpriseId: query.enterpriseId,
        isEnterpriseInstall: query.isEnterpriseInstall,
        because: 'app_uninstalled',
      });
    },
  };
}
