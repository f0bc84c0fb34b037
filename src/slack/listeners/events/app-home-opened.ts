import type { ListenerRegistry } from '../../listener-registry';
import type { SlackDeps } from '../../deps';
import { actorOf } from '../interaction';

/** The Home tab is rebuilt from the database every time it is opened. */
export function registerAppHomeOpened(app: ListenerRegistry, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home') return;
    const actor = await actorOf(deps, {
      user: { id: event.user },
      team_id: body.team_id,
      enterprise_id: body.enterprise_id,
    });
    await deps.notifier.publishHome(actor.organizationId, actor.userId, actor.slackUserId);
  });
}
