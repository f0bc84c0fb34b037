import type { ListenerRegistry } from '../../listener-registry';
import type { SlackDeps } from '../../deps';
import { forgetSlackInstallation } from './forget-slack-installation';

/**
 * Thread was uninstalled from a workspace (or a grid, for an org-wide install): its tokens are deleted at once and
 * every Slack call for that organisation stops. The data stays; a reinstall brings it all back.
 */
export function registerAppUninstalled(app: ListenerRegistry, deps: SlackDeps): void {
  app.event('app_uninstalled', async ({ context }) => {
    await forgetSlackInstallation(deps, context, 'app_uninstalled');
  });
}
