import type { ActionEvent } from '../../domain/action-state';
import { planEventsOf } from '../../domain/plan-engine';
import type { ActionType } from '../../domain/template';
import type { Tx } from '../context';
import { propagateTriggerEvents, type PropagateOptions, type ScheduledAction } from './propagate-triggers';

export interface ActionChange {
  accountId: string;
  action: { key: string; type: ActionType };
  event: ActionEvent;
  at: Date;
}

/**
 * After an action's transition, the actions waiting on it get their due times: what the transition tells the plan
 * (sent or done, answered by the customer, skipped) is the domain's rule (planEventsOf). Inside the caller's
 * transaction, so the transition and what it releases commit together.
 */
export async function propagateActionChange(tx: Tx, change: ActionChange): Promise<ScheduledAction[]> {
  return propagateActionChanges(tx, [change]);
}

/** The same for many transitions at once (a batch of sends): a fixed number of statements, whatever their number. */
export async function propagateActionChanges(
  tx: Tx,
  changes: readonly ActionChange[],
  options: PropagateOptions = {},
): Promise<ScheduledAction[]> {
  const events = changes.flatMap((change) =>
    planEventsOf(change.action, change.event, change.at).map((event) => ({ ...event, accountId: change.accountId })),
  );
  return propagateTriggerEvents(tx, events, options);
}
