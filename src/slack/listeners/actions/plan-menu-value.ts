/** The value of a plan menu option (blocks/plan.ts planMenuValue): what to do, the account, the action or milestone. */
import type { BlockAction, OverflowAction } from '@slack/bolt';
import { z } from 'zod';
import { AppError } from '../../../lib/errors';

export type PlanMenuClick = BlockAction<OverflowAction>;

const valueSchema = z.tuple([z.string().min(1), z.string().min(1), z.string().min(1)]);

export function readPlanMenuValue(body: PlanMenuClick): { verb: string; accountId: string; id: string } {
  const action = body.actions[0];
  const parsed = valueSchema.safeParse(action?.selected_option?.value.split(':'));
  if (!parsed.success) throw new AppError('form_out_of_date', 'show the plan again and choose from its menu.');
  const [verb, accountId, id] = parsed.data;
  return { verb, accountId, id };
}
