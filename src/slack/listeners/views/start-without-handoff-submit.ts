import type { ListenerRegistry } from '../../listener-registry';
import { startPlanWithoutHandoff } from '../../../services/handoff/start-plan-without-handoff';
import type { SlackDeps } from '../../deps';
import { VIEWS } from '../../ids';
import { registerAccountReasonModal } from './account-reason-modal';

/** Starts the plan without the handoff (the service checks who and why); then the card shows it started. */
export function registerStartWithoutHandoffSubmit(app: ListenerRegistry, deps: SlackDeps): void {
  registerAccountReasonModal(app, deps, {
    callbackId: VIEWS.handoffStartAnyway,
    refusedTitle: 'Not started',
    doneWords: 'plan started',
    change: ({ actor, accountId, reason }) =>
      startPlanWithoutHandoff(deps.ctx, { organizationId: actor.organizationId, accountId, actor, reason }),
  });
}
