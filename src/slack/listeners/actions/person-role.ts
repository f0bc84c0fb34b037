import type { BlockAction, StaticSelectAction } from '@slack/bolt';
import type { ListenerRegistry } from '../../listener-registry';
import { z } from 'zod';
import { ROLE_NAMES, ROLES } from '../../../domain/roles';
import { setRole } from '../../../services/people/set-role';
import type { SlackDeps } from '../../deps';
import { errorText } from '../../error-text';
import { ACTIONS } from '../../ids';
import { peopleScreen } from '../../subcommands/admin-commands';
import { actorOf } from '../interaction';
import { readPeopleOffset } from '../views/modal-metadata';

/** The role select's option value, `<role>:<Thread user id>` (personRoleValue). */
const choiceSchema = z.string().transform((v, c) => {
  const [role, ...rest] = v.split(':');
  const parsed = z.enum(ROLES).safeParse(role);
  const userId = rest.join(':');
  if (!parsed.success || userId === '') {
    c.addIssue({ code: 'custom', message: 'not a role choice' });
    return z.NEVER;
  }
  return { role: parsed.data, userId };
});

/**
 * A role picked beside a person in the People modal: saved at once (setRole decides who may, and keeps the last
 * admin), then the modal is rebuilt from the services, on the page it was on, with what happened, or why it did
 * not, at the top.
 */
export function registerPersonRole(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<BlockAction<StaticSelectAction>>(ACTIONS.personRole, async ({ ack, body, action, client }) => {
    await ack();
    const viewId = body.view?.id;
    if (!viewId) return;
    let notice: string;
    try {
      const choice = choiceSchema.parse(action.selected_option.value);
      const actor = await actorOf(deps, body);
      const changed = await setRole(deps.ctx, {
        organizationId: actor.organizationId,
        actor,
        person: { userId: choice.userId },
        role: choice.role,
      });
      notice = `${changed.name} is now ${changed.role === 'admin' ? 'an' : 'a'} ${ROLE_NAMES[changed.role]}.`;
    } catch (error) {
      notice = errorText(error, deps.logger);
    }
    // Read again after the change: the person's own role may be the one that changed.
    const screen = await peopleScreen(deps, await actorOf(deps, body), notice, {
      offset: readPeopleOffset(body.view),
    });
    await client.views.update({ view_id: viewId, view: screen });
  });
}
