/**
 * What the shared-channel listeners (Answer here, Open the portal, the answer modal) share: the organisation is the
 * workspace Thread is installed in, and the person is described as Slack does (their own team included), not looked
 * up as a Thread user: they are usually the customer, from another workspace.
 */
import type { SlackOrganization } from '../../services/organizations/resolve-organization-for-slack';
import type { ChannelResponder } from '../../services/portal/resolve-channel-respondent';
import type { SlackDeps } from '../deps';
import { installedOriginOf, type InstalledOrigin } from '../workspace';

export interface SharedChannelUser {
  user: { id: string; team_id?: string | null; name?: string | null; username?: string | null };
}

export function installedOrganization(deps: SlackDeps, body: InstalledOrigin): Promise<SlackOrganization> {
  return deps.workspace.organization(installedOriginOf(body));
}

export function responderOf(body: SharedChannelUser): ChannelResponder {
  const name = body.user.name ?? body.user.username;
  return {
    slackUserId: body.user.id,
    ...(body.user.team_id ? { teamId: body.user.team_id } : {}),
    ...(name ? { name } : {}),
  };
}
