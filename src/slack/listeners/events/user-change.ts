import type { ListenerRegistry } from '../../listener-registry';
import type { SlackDeps } from '../../deps';
import { originOf } from '../../workspace';

/**
 * A workspace member's Slack profile changed (name, title, email…): Thread stores it at once, for the people it
 * knows; anyone else is ignored. A CSM whose email Slack now hides is asked for a reply-to address.
 */
export function registerUserChange(app: ListenerRegistry, deps: SlackDeps): void {
  app.event('user_change', async ({ event, body }) => {
    const org = await deps.workspace.organization(originOf(body));
    await deps.workspace.storeProfile(org.id, event.user);
  });
}
