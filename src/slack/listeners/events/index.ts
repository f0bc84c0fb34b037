import type { ListenerRegistry } from '../../listener-registry';
import type { SlackDeps } from '../../deps';
import { registerAppHomeOpened } from './app-home-opened';
import { registerAppUninstalled } from './app-uninstalled';
import { registerCustomerThreadReply } from './customer-thread-reply';
import { registerTokensRevoked } from './tokens-revoked';
import { registerUserChange } from './user-change';

export function registerEventListeners(app: ListenerRegistry, deps: SlackDeps): void {
  registerAppHomeOpened(app, deps);
  registerCustomerThreadReply(app, deps);
  registerUserChange(app, deps);
  registerAppUninstalled(app, deps);
  registerTokensRevoked(app, deps);
}
