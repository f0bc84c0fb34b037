import type { ListenerRegistry } from '../../listener-registry';
import { markAccountChurned } from '../../../services/accounts/mark-account-churned';
import type { SlackDeps } from '../../deps';
import { VIEWS } from '../../ids';
import { registerAccountReasonModal } from './account-reason-modal';

/** Marks the account churned with the reason given (a blank one comes back under the field); then the card. */
export function registerMarkChurnedSubmit(app: ListenerRegistry, deps: SlackDeps): void {
  registerAccountReasonModal(app, deps, {
    callbackId: VIEWS.markChurned,
    refusedTitle: 'Not marked churned',
    doneWords: 'marked churned',
    change: ({ actor, accountId, reason }) =>
      markAccountChurned(deps.ctx, { organizationId: actor.organizationId, accountId, actor, reason }),
  });
}
