import { canManageAccount } from '../../domain/roles';
import { getAccountPlan } from '../../services/plan/get-account-plan';
import type { SlackActor } from '../../services/users/resolve-slack-actor';
import { buildPlan } from '../blocks/plan';
import type { SlackMessage } from '../blocks/slack-message';
import type { SlackDeps } from '../deps';

/**
 * An account's plan as this person may use it: the menus and buttons that change it only for the account's CSM or
 * an admin, and only while the onboarding runs (the services refuse anyone else anyway).
 */
export async function showPlan(
  deps: SlackDeps,
  actor: SlackActor,
  accountId: string,
  o: { fromMilestone?: number; notice?: string } = {},
): Promise<SlackMessage> {
  const plan = await getAccountPlan(deps.ctx, { organizationId: actor.organizationId, accountId });
  const running = plan.accountStatus !== 'completed' && plan.accountStatus !== 'churned';
  return buildPlan(plan, { canManage: running && canManageAccount(actor, plan), ...o });
}
