import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { registerThreadCommand } from './thread-command';

export function registerCommandListeners(app: App, deps: SlackDeps): void {
  registerThreadCommand(app, deps);
}
