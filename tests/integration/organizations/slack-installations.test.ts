/**
 * The installation store's rules, on the services Bolt's store calls: an org-wide Enterprise Grid install is one
 * organisation for the grid and serves its workspaces; storing the same installation again (Bolt does after a token
 * rotation) records nothing new; a reinstall by someone who is not an admin leaves Thread's admins as they were.
 */
import { randomBytes } from 'node:crypto';
import { createSecretBox } from '../../../src/lib/secret-box';
import { findInstalledOrganization } from '../../../src/services/slack-installations/find-installed-organization';
import { findOrganizationBotToken } from '../../../src/services/slack-installations/find-organization-bot-token';
import { findSlackInstallation } from '../../../src/services/slack-installations/find-slack-installation';
import { recordSlackInstallation } from '../../../src/services/slack-installations/record-slack-installation';
import { removeSlackInstallationTokens } from '../../../src/services/slack-installations/remove-slack-installation-tokens';
import { serviceContext } from '../../support/service-context';
import { useTestDatabase } from '../../support/test-database';
import { setUpTeam } from '../people/team-fixture';

const t = useTestDatabase();
const deps = { secrets: createSecretBox(randomBytes(32)) };

describe('Slack installations', () => {
  it('makes one organisation for an org-wide grid install, found from any of its workspaces', async () => {
    const ctx = serviceContext(t.db);
    const installed = await recordSlackInstallation(ctx, deps, {
      enterpriseId: 'EGRID01',
      enterpriseName: 'Grid Corp',
      isEnterpriseInstall: true,
      botToken: 'xoxb-grid',
      installerSlackUserId: 'WGRIDADMIN',
    });
    expect(installed).toMatchObject({
      organizationName: 'Grid Corp',
      organizationCreated: true,
      installerIsAdmin: true,
    });
    const org = await t.db.prisma.organization.findUniqueOrThrow({ where: { id: installed.organizationId } });
    expect(org).toMatchObject({ slackTeamId: null, slackEnterpriseId: 'EGRID01' });
    // A request from a workspace of the grid names its own team and the grid.
    expect(await findInstalledOrganization(ctx, { teamId: 'TINGRID1', enterpriseId: 'EGRID01' })).toMatchObject({
      id: org.id,
    });
    expect(
      await findSlackInstallation(ctx, deps, {
        teamId: 'TINGRID1',
        enterpriseId: 'EGRID01',
        isEnterpriseInstall: true,
      }),
    ).toMatchObject({ organizationId: org.id, botToken: 'xoxb-grid', isEnterpriseInstall: true });
    expect(await findInstalledOrganization(ctx, { teamId: 'TOTHER01' })).toBeNull();
  });

  it('records a rotated token without a second install record, and a removal leaves no token to find', async () => {
    const ctx = serviceContext(t.db);
    const install = {
      teamId: 'TROTATE1',
      teamName: 'Rotating',
      botToken: 'xoxb-one',
      botRefreshToken: 'xoxe-1',
      botTokenExpiresAt: 1_900_000_000,
      installerSlackUserId: 'UROTATE',
    };
    const first = await recordSlackInstallation(ctx, deps, install);
    await recordSlackInstallation(ctx, deps, { ...install, botToken: 'xoxb-two', botRefreshToken: 'xoxe-2' });
    expect(await findOrganizationBotToken(ctx, deps, { organizationId: first.organizationId })).toBe('xoxb-two');
    expect(await findSlackInstallation(ctx, deps, { teamId: 'TROTATE1' })).toMatchObject({
      botRefreshToken: 'xoxe-2',
      botTokenExpiresAt: 1_900_000_000,
    });
    const records = await t.db.prisma.auditEvent.count({
      where: { organizationId: first.organizationId, entityType: 'slack_installation' },
    });
    expect(records).toBe(1);

    expect(await removeSlackInstallationTokens(ctx, { teamId: 'TROTATE1', because: 'tokens_revoked' })).toEqual({
      organizationId: first.organizationId,
    });
    expect(await findOrganizationBotToken(ctx, deps, { organizationId: first.organizationId })).toBeNull();
    expect(await findSlackInstallation(ctx, deps, { teamId: 'TROTATE1' })).toBeNull();
    // A second removal finds nothing left to remove.
    expect(await removeSlackInstallationTokens(ctx, { teamId: 'TROTATE1', because: 'app_uninstalled' })).toBeNull();
  });

  it('leaves the admins as they are when someone who is not one reinstalls', async () => {
    const ctx = serviceContext(t.db);
    const team = await setUpTeam(ctx, { teamId: 'T0ACME', name: 'Acme', prefix: 'A' });
    const installed = await recordSlackInstallation(ctx, deps, {
      teamId: 'T0ACME',
      teamName: 'Acme',
      botToken: 'xoxb-acme',
      installerSlackUserId: team.viewer.slackUserId,
    });
    expect(installed).toMatchObject({ organizationId: team.organizationId, organizationCreated: false });
    expect(installed.installerIsAdmin).toBe(false);
    const viewer = await t.db.prisma.user.findUniqueOrThrow({ where: { id: team.viewer.userId } });
    expect(viewer.role).toBe('viewer');
    expect(installed.adminNames).toHaveLength(1);
  });
});
