import { z } from 'zod';
import { BUSINESS_DAY_START_HOUR, localDateAt } from '../../domain/business-days';
import { placeAction, placementProblem, planOrderProblem } from '../../domain/plan-edits';
import { triggerAnchor } from '../../domain/triggers';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { fieldError } from '../errors/field-errors';
import { parseOptions } from '../errors/parse-options';
import { placementSchema } from './add-plan-action';
import { dueFrom, loadPlan, renumberActions, triggerEventAt, unsentPlanAction } from './load-plan';
import { refreshNextActionAt } from './refresh-next-action-at';
import { planChangeShape, runPlanChange } from './run-plan-change';

const optionsSchema = z.object({
  ...planChangeShape,
  actionId: z.string().min(1),
  placement: placementSchema,
});

const MOVABLE = ['pending', 'ready', 'review_pending'] as const;

export interface MovedPlanAction {
  actionId: string;
  accountId: string;
  name: string;
  moved: boolean;
  dueAt: Date | null;
}

/**
 * Moves an action not sent yet to another place in one account's plan, in its milestone or another one still to
 * come or in progress (its CSM or an admin). What it waits on stays; one that waits on its milestone's start waits
 * on its new milestone's start instead (due at once from it when that milestone has started). An action never
 * lands before the one it waits on, nor after one that waits on it. Audited with where it was and where it went.
 */
export async function movePlanAction(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<MovedPlanAction> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  return runPlanChange(ctx, { ...o, target: { actionId: o.actionId } }, async (tx, { account, person }) => {
    const plan = await loadPlan(tx, account.id);
    const action = unsentPlanAction(plan, o.actionId, MOVABLE, 'move');
    const milestoneIds = plan.milestones.map((m) => m.id);
    const where = placementProblem(plan.actions, o.placement, milestoneIds, action.id);
    if (where) throw fieldError('placement', where);
    const target = plan.milestones.find((m) => m.id === o.placement.milestoneId)!;
    if (target.status === 'completed' && target.id !== action.milestoneId)
      throw fieldError('placement', `${target.name} is completed; move the action to a milestone still to come.`);

    const order = placeAction(plan.actions, action, o.placement, milestoneIds);
    const outOfOrder = planOrderProblem(order);
    if (outOfOrder) throw fieldError('placement', outOfOrder);
    const before = plan.actions.indexOf(action);
    const after = order.findIndex((a) => a.id === action.id);
    const previousBefore = plan.actions[before - 1];
    const previousAfter = order[after - 1];
    const samePlace = action.milestoneId === target.id && previousBefore?.id === previousAfter?.id;
    if (samePlace)
      return { actionId: action.id, accountId: account.id, name: action.name, moved: false, dueAt: action.dueAt };

    let dueAt = action.dueAt;
    const newMilestone = target.id !== action.milestoneId;
    if (
      newMilestone &&
      action.status === 'pending' &&
      triggerAnchor(action.triggerKind, action.afterActionKey) === 'milestone_start'
    ) {
      const eventAt = await triggerEventAt(tx, {
        ...action,
        milestone: target,
        kickoffAt: localDateAt(account.kickoffDate, BUSINESS_DAY_START_HOUR, account.calendar.timeZone),
        actions: plan.actions,
      });
      dueAt = dueFrom(action, eventAt, account.calendar, account.kickoffDate);
    }
    await tx.action.update({
      where: { id: action.id },
      data: { milestoneId: target.id, ...(dueAt !== action.dueAt ? { dueAt, waitingReason: null } : {}) },
    });
    await renumberActions(tx, order);
    const from = plan.milestones.find((m) => m.id === action.milestoneId)!;
    await recordAuditEvent(tx, {
      organizationId: account.organizationId,
      accountId: account.id,
      entityType: 'action',
      entityId: action.id,
      actor: person.auditActor,
      from: `${from.name}${previousBefore && previousBefore.milestoneId === from.id ? `, after ${previousBefore.name}` : ', first'}`,
      to: `${target.name}${previousAfter && previousAfter.milestoneId === target.id ? `, after ${previousAfter.name}` : ', first'}`,
      reason: 'moved in the plan',
      data: {
        fromMilestoneId: from.id,
        toMilestoneId: target.id,
        ...(dueAt !== action.dueAt
          ? { dueAt: { from: action.dueAt?.toISOString() ?? null, to: dueAt?.toISOString() ?? null } }
          : {}),
      },
      at: now,
    });
    await refreshNextActionAt(tx, [account.id]);
    return { actionId: action.id, accountId: account.id, name: action.name, moved: true, dueAt };
  });
}
