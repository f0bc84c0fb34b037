import type { ListenerRegistry } from '../../listener-registry';
import type { SlackDeps } from '../../deps';
import type { ThreadClick } from '../interaction';
import { ACTIONS } from '../../ids';

/**
 * Ticking a draft's checkbox in `/thread review` sends an interaction too; it only needs acknowledging, because
 * "Execute selected" reads the ticked boxes from the message state when it is clicked.
 */
export function registerBatchSelect(app: ListenerRegistry, _deps: SlackDeps): void {
  app.action<ThreadClick>(ACTIONS.batchSelect, async ({ ack }) => {
    await ack();
  });
}
