import type { ListenerRegistry } from '../../listener-registry';
import { reopenAccount } from '../../../services/accounts/reopen-account';
import type { SlackDeps } from '../../deps';
import { VIEWS } from '../../ids';
import { registerAccountReasonModal } from './account-reason-modal';

/** Reopens the account (the service checks the admin role again; the reason is optional); then the card shows it active. */
export function registerReopenAccountSubmit(app: ListenerRegistry, deps: SlackDeps): void {
  registerAccountReasonModal(app, deps, {
    callbackId: VIEWS.reopenAccount,
    refusedTitle: 'Not reopened',
    doneWords: 'reopened',
    change: ({ actor, accountId, reason }) =>
      reopenAccount(deps.ctx, { organizationId: actor.organizationId, accountId, actor, reason: reason || undefined }),
  });
}
