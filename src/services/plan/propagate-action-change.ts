import type { ActionEvent } from '../../domain/action-state';
import { planEventsOf } from '../../domain/plan-engine';
import type { ActionType } from '../../domain/template';
import type { Tx } from '../context';
import { propagateTriggers, type ScheduledAction } from './propagate-triggers';

/**
 * After an action's transition, the actions waiting on it get their due times: what the transition tells the plan
 * (sent or done, answered by the customer, skipped) is the domain's rule (planEventsOf). Inside the caller's
 * transaction, so the transition and what it releases commit together.
 */
export async function propagateActionChange(
  tx: Tx,
  change: { accountId: string; action: { key: string; type: ActionType }; event: ActionEvent; at: Date },
): Promise<ScheduledAction[]> {
  const scheduled: ScheduledAction[] = [];
  for (const event of planEventsOf(change.action, change.event, change.at)) {
    scheduled.push(...(await propagateTriggers(tx, { ...event, accountId: change.accountId })));
  }
  return scheduled;
}
