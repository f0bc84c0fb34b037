import type { ListenerRegistry } from '../../listener-registry';
import type { SlackDeps } from '../../deps';
import { registerThreadCommand } from './thread-command';

export function registerCommandListeners(app: ListenerRegistry, deps: SlackDeps): void {
  registerThreadCommand(app, deps);
}
