/**
 * A click in a customer's Slack Connect channel may name the external clicker's own workspace as its team, where
 * Thread is not installed, and Bolt's authorize (which looks the installation up by the payload's team) would refuse
 * it. For the shared-channel actions only (Answer here, Open the portal, and the answer modal), the installation is
 * looked for as the listeners find the organisation: view.app_installed_team_id, context_team_id, team.id, and last
 * the organisation whose account has this channel as its customer channel. Every other request keeps Bolt's lookup.
 */
import type { AuthorizeResult, InstallationQuery } from '@slack/bolt';
import type { ServiceContext } from '../../services/context';
import {
  findSharedChannelInstallation,
  type SharedChannelInstallation,
} from '../../services/slack-installations/find-shared-channel-installation';
import { ACTIONS, VIEWS } from '../ids';

const SHARED_CHANNEL_ACTIONS: readonly string[] = [ACTIONS.answerHere, ACTIONS.openPortal];

/** The parts of a shared-channel click or answer-modal submission that say where it happened. */
export interface SharedChannelBody {
  type?: string;
  actions?: { action_id?: string }[];
  view?: { callback_id?: string; app_installed_team_id?: string | null } | null;
  context_team_id?: string | null;
  team?: { id?: string | null } | null;
  channel?: { id?: string } | null;
  container?: { channel_id?: string } | null;
}

export function isSharedChannelRequest(body: SharedChannelBody): boolean {
  if (body.type === 'block_actions')
    return (body.actions ?? []).some((a) => SHARED_CHANNEL_ACTIONS.includes(a.action_id ?? ''));
  return body.type === 'view_submission' && body.view?.callback_id === VIEWS.answerForm;
}

/** The installation serving a shared-channel request; null when no installed team or channel owner is found. */
export function sharedChannelInstallation(
  ctx: ServiceContext,
  body: SharedChannelBody,
): Promise<SharedChannelInstallation | null> {
  const teamIds = [body.view?.app_installed_team_id, body.context_team_id, body.team?.id].filter(
    (id): id is string => typeof id === 'string' && id !== '',
  );
  const channelId = body.channel?.id ?? body.container?.channel_id;
  return findSharedChannelInstallation(ctx, { teamIds, ...(channelId ? { channelId } : {}) });
}

type Authorize = (source: InstallationQuery<boolean>) => Promise<AuthorizeResult>;

/** Bolt's authorize (installer.authorize), told which installation serves a shared-channel request. */
export function withSharedChannelFallback(ctx: ServiceContext, authorize: Authorize) {
  return async (source: InstallationQuery<boolean>, body?: unknown): Promise<AuthorizeResult> => {
    if (typeof body !== 'object' || body === null || !isSharedChannelRequest(body as SharedChannelBody))
      return authorize(source);
    const found = await sharedChannelInstallation(ctx, body as SharedChannelBody);
    return authorize(found ? { ...source, ...found } : source);
  };
}
