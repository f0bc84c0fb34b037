/**
 * `/thread settings` and `/thread people` (and App Home's Settings and People buttons), and what `help` shows a
 * person: settings are listed only to admins, people to everyone (read only unless an admin).
 */
import type { ModalView } from '@slack/types';
import { can } from '../../domain/roles';
import { getSettings } from '../../services/organizations/get-settings';
import { listPeople } from '../../services/people/list-people';
import type { SlackActor } from '../../services/users/resolve-slack-actor';
import type { HelpAudience } from '../blocks/help';
import { buildPeopleModal } from '../blocks/people-modal';
import { buildAdminsOnlyMessage, buildSettingsModal } from '../blocks/settings-modal';
import type { SlackMessage } from '../blocks/slack-message';
import type { SlackDeps } from '../deps';
import { actorOf } from '../listeners/interaction';

type Open = (view: ModalView) => Promise<unknown>;

/**
 * The Settings modal with every current value. Anyone who is not an admin gets, instead, the names of the admins
 * to ask (updateSettings would refuse them anyway).
 */
export async function openSettings(deps: SlackDeps, actor: SlackActor, open: Open): Promise<SlackMessage | null> {
  const organizationId = actor.organizationId;
  if (!can(actor.role, 'manage_settings')) {
    const people = await listPeople(deps.ctx, { organizationId, actor });
    return buildAdminsOnlyMessage(
      'change the settings',
      people.filter((p) => p.role === 'admin'),
    );
  }
  await open(buildSettingsModal(await getSettings(deps.ctx, { organizationId, actor })));
  return null;
}

/** Which page of people to show: the one starting at `offset`, or the one holding the person `userId`. */
export interface PeoplePlace {
  offset?: number;
  userId?: string;
}

/**
 * The People modal as this person may see it now; the rebuild after a role change, an added person or a page
 * turned comes through here too, so the list always reflects the services.
 */
export async function peopleScreen(
  deps: SlackDeps,
  actor: SlackActor,
  notice?: string,
  place: PeoplePlace = {},
): Promise<ModalView> {
  const people = await listPeople(deps.ctx, { organizationId: actor.organizationId, actor });
  const index = place.userId ? people.findIndex((p) => p.userId === place.userId) : -1;
  const offset = index >= 0 ? index : place.offset;
  return buildPeopleModal({ people, canManage: can(actor.role, 'manage_people'), notice, offset });
}

export async function openPeople(deps: SlackDeps, actor: SlackActor, open: Open): Promise<SlackMessage | null> {
  await open(await peopleScreen(deps, actor));
  return null;
}

/**
 * Whom `help` is for. Help is answered in the acknowledgement, so when the person cannot be looked up it falls back
 * to everyone's commands rather than leave Slack without an answer; the failure is logged.
 */
export async function helpAudience(deps: SlackDeps, who: { user: { id: string } }): Promise<HelpAudience> {
  try {
    const actor = await actorOf(deps, who);
    return { admin: can(actor.role, 'manage_settings'), analytics: can(actor.role, 'view_analytics') };
  } catch (error) {
    deps.logger.warn({ err: error }, 'help: could not look up who asked; showing everyone’s commands');
    return {};
  }
}
