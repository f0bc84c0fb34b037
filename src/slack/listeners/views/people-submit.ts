import type { ViewSubmitAction } from '@slack/bolt';
import type { ListenerRegistry } from '../../listener-registry';
import { z } from 'zod';
import { ROLE_NAMES, ROLES } from '../../../domain/roles';
import { addPerson } from '../../../services/people/add-person';
import { listPeople } from '../../../services/people/list-people';
import type { SlackDeps } from '../../deps';
import { PEOPLE_FIELDS, VIEWS } from '../../ids';
import { peopleScreen } from '../../subcommands/admin-commands';
import { actorOf } from '../interaction';
import { viewFailure } from './view-failure';

const formSchema = z.object({
  slackUserId: z.string(),
  role: z.enum(ROLES),
});

/** "Add person" in the People modal: adds the picked member with the role; the modal then shows them in the list. */
export function registerPeopleSubmit(app: ListenerRegistry, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(VIEWS.people, async ({ ack, body, view }) => {
    try {
      const values = view.state.values;
      const form = formSchema.parse({
        slackUserId: values[PEOPLE_FIELDS.user]?.[PEOPLE_FIELDS.user]?.selected_user ?? '',
        role: values[PEOPLE_FIELDS.role]?.[PEOPLE_FIELDS.role]?.selected_option?.value ?? 'csm',
      });
      const actor = await actorOf(deps, body);
      const added = await addPerson(deps.ctx, { organizationId: actor.organizationId, actor, ...form });
      // Their name, email and title come from Slack now, not at their first request: customers may see them first.
      const refreshed = await deps.workspace.refreshFromSlack(actor.organizationId, form.slackUserId);
      const name = refreshed
        ? ((await listPeople(deps.ctx, { organizationId: actor.organizationId, actor })).find(
            (p) => p.slackUserId === form.slackUserId,
          )?.name ?? added.name)
        : added.name;
      // The page that shows them, whichever page the admin was on.
      const screen = await peopleScreen(deps, actor, `Added ${name} as ${ROLE_NAMES[added.role]}.`, {
        userId: added.userId,
      });
      await ack({ response_action: 'update', view: screen });
    } catch (error) {
      await ack(
        viewFailure(view, error, deps.logger, {
          title: 'Not added',
          // A refusal about the person (already in Thread, not a member) goes under the person picked.
          field: PEOPLE_FIELDS.user,
          blockOfField: { slackUserId: PEOPLE_FIELDS.user, role: PEOPLE_FIELDS.role },
        }),
      );
    }
  });
}
