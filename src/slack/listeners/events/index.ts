import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { registerAppHomeOpened } from './app-home-opened';

export function registerEventListeners(app: App, deps: SlackDeps): void {
  registerAppHomeOpened(app, deps);
}
