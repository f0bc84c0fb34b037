import type { ListenerRegistry } from '../../listener-registry';
import { z } from 'zod';
import { showPlan } from '../../subcommands/show-plan';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { actorOf, buttonValue, tellUser, type ThreadClick } from '../interaction';

const valueSchema = z.tuple([z.string().min(1), z.coerce.number().int().min(0)]);

/** "Show milestones 4–6": the plan from the first milestone that did not fit, in place of the part shown. */
export function registerPlanMore(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<ThreadClick>(ACTIONS.planMore, async ({ ack, body, respond }) => {
    await ack();
    try {
      const [accountId, fromMilestone] = valueSchema.parse(buttonValue(body).split(':'));
      const actor = await actorOf(deps, body);
      const message = await showPlan(deps, actor, accountId, { fromMilestone });
      await respond({ response_type: 'ephemeral', replace_original: true, text: message.text, blocks: message.blocks });
    } catch (error) {
      await tellUser(deps, respond, error);
    }
  });
}
