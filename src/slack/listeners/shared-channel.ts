/**
 * What the shared-channel listeners (Answer here, Open the portal, the answer modal) share: the organisation is the
 * workspace Thread is installed in, and the person is described as Slack does (their own team included), not looked
 * up as a Thread user: they are usually the customer, from another workspace.
 */
import { isAppError } from '../../lib/errors';
import type { SlackOrganization } from '../../services/organizations/resolve-organization-for-slack';
import type { ChannelResponder } from '../../services/portal/resolve-channel-respondent';
import type { SlackDeps } from '../deps';
import { sharedChannelInstallation, type SharedChannelBody } from '../oauth/shared-channel-installation';
import { installedOriginOf, type InstalledOrigin } from '../workspace';

export interface SharedChannelUser {
  user: { id: string; team_id?: string | null; name?: string | null; username?: string | null };
}

export async function installedOrganization(
  deps: SlackDeps,
  body: InstalledOrigin & SharedChannelBody,
): Promise<SlackOrganization> {
  try {
    return await deps.workspace.organization(installedOriginOf(body));
  } catch (error) {
    // With OAuth installs, an external clicker's payload may name only their own workspace: the installation that
    // Bolt's authorize found for this channel is the organisation (none in single-workspace mode).
    if (!isAppError(error) || error.code !== 'forbidden') throw error;
    const found = await sharedChannelInstallation(deps.ctx, body);
    if (!found) throw error;
    return deps.workspace.organization(found);
  }
}

export function responderOf(body: SharedChannelUser): ChannelResponder {
  const name = body.user.name ?? body.user.username;
  return {
    slackUserId: body.user.id,
    ...(body.user.team_id ? { teamId: body.user.team_id } : {}),
    ...(name ? { name } : {}),
  };
}
