/**
 * Which installation serves a click in a customer's shared channel when the payload's team may be the customer's:
 * an installed team named in the payload first, else the one organisation whose account owns the channel. A channel
 * two organisations both name, or whose owner uninstalled Thread, places the click nowhere.
 */
import { randomBytes } from 'node:crypto';
import { createSecretBox } from '../../../src/lib/secret-box';
import { setAccountChannels } from '../../../src/services/accounts/set-account-channels';
import { findSharedChannelInstallation } from '../../../src/services/slack-installations/find-shared-channel-installation';
import { recordSlackInstallation } from '../../../src/services/slack-installations/record-slack-installation';
import { removeSlackInstallationTokens } from '../../../src/services/slack-installations/remove-slack-installation-tokens';
import { serviceContext } from '../../support/service-context';
import { useTestDatabase } from '../../support/test-database';
import { setUpTeam, type Team } from '../people/team-fixture';

const t = useTestDatabase();

async function installed() {
  const ctx = serviceContext(t.db, '2026-03-02T10:00:00Z');
  const deps = { secrets: createSecretBox(randomBytes(32)) };
  const teams: Team[] = [];
  for (const [teamId, name, prefix] of [
    ['T0ACME', 'Acme', 'A'],
    ['T0BETA', 'Beta', 'B'],
  ] as const) {
    const team = await setUpTeam(ctx, { teamId, name, prefix });
    await recordSlackInstallation(ctx, deps, {
      teamId,
      teamName: name,
      botToken: `xoxb-${prefix}`,
      installerSlackUserId: team.admin.slackUserId,
    });
    teams.push(team);
  }
  const shareChannel = (team: Team, channel: string) =>
    setAccountChannels(ctx, {
      organizationId: team.organizationId,
      actor: { userId: team.csm.userId },
      accountId: team.accountId,
      customerChannelId: channel,
    });
  return { ctx, acme: teams[0]!, beta: teams[1]!, shareChannel };
}

describe('the installation serving a shared-channel click', () => {
  it('is an installed team the payload names, else the owner of the channel, never the customer’s team', async () => {
    const { ctx, acme, shareChannel } = await installed();
    await shareChannel(acme, 'CSHARED01');
    expect(
      await findSharedChannelInstallation(ctx, { teamIds: ['T0BETA', 'TCUSTOMER'], channelId: 'CSHARED01' }),
    ).toEqual({ teamId: 'T0BETA', isEnterpriseInstall: false });
    expect(await findSharedChannelInstallation(ctx, { teamIds: ['TCUSTOMER'], channelId: 'CSHARED01' })).toEqual({
      teamId: 'T0ACME',
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
    expect(await findSharedChannelInstallation(ctx, { teamIds: ['TCUSTOMER'], channelId: 'COTHER01' })).toBeNull();
    expect(await findSharedChannelInstallation(ctx, { teamIds: ['TCUSTOMER'] })).toBeNull();
  });

  it('is none when two organisations name the same channel, or its owner uninstalled Thread', async () => {
    const { ctx, acme, beta, shareChannel } = await installed();
    await shareChannel(acme, 'CSHARED01');
    await shareChannel(beta, 'CSHARED01');
    expect(await findSharedChannelInstallation(ctx, { teamIds: ['TCUSTOMER'], channelId: 'CSHARED01' })).toBeNull();

    await shareChannel(beta, 'CBETAONLY1');
    await removeSlackInstallationTokens(ctx, { teamId: 'T0BETA', because: 'app_uninstalled' });
    expect(await findSharedChannelInstallation(ctx, { teamIds: ['TCUSTOMER'], channelId: 'CBETAONLY1' })).toBeNull();
    expect(await findSharedChannelInstallation(ctx, { teamIds: ['T0BETA'], channelId: 'CSHARED01' })).toEqual({
      teamId: 'T0ACME',
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
  });
});
