import { z } from 'zod';
import { BUSINESS_DAY_START_HOUR, localDateAt } from '../../domain/business-days';
import { repointDependents } from '../../domain/plan-edits';
import { AppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { dueFrom, loadPlan, renumberActions, triggerEventAt, unsentPlanAction } from './load-plan';
import { refreshNextActionAt } from './refresh-next-action-at';
import { planChangeShape, runPlanChange } from './run-plan-change';

const optionsSchema = z.object({
  ...planChangeShape,
  actionId: z.string().min(1),
  reason: z.string().trim().max(2000).optional(),
});

/** Only what has not been sent can leave the plan: a pending action, or a draft waiting for review. */
const REMOVABLE = ['pending', 'ready', 'review_pending'] as const;

export interface RemovedPlanAction {
  actionId: string;
  accountId: string;
  name: string;
  /** The review card of a removed draft, so Slack can say on it that it left the plan. */
  reviewCard: { channel: string; ts: string } | null;
  /** The actions that waited on it, and what they wait on now (null: their milestone's start). */
  repointed: { name: string; waitsOn: string | null; dueAt: Date | null }[];
}

/**
 * Takes an action that has not been sent out of one account's plan (its CSM or an admin). Nothing is left
 * stranded: what waited on it now waits on what it waited on (domain/plan-edits.ts), and when that has already
 * happened they are released, counting their delay from now, because the removed action stood between them and it.
 * The template and other accounts are not touched. Audited with what was re-pointed.
 */
export async function removePlanAction(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<RemovedPlanAction> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  return runPlanChange(ctx, { ...o, target: { actionId: o.actionId } }, async (tx, { account, person }) => {
    const plan = await loadPlan(tx, account.id);
    const action = unsentPlanAction(plan, o.actionId, REMOVABLE, 'be removed from the plan');
    const kickoffAt = localDateAt(account.kickoffDate, BUSINESS_DAY_START_HOUR, account.calendar.timeZone);
    const rest = plan.actions.filter((a) => a.id !== action.id);
    const repointed: RemovedPlanAction['repointed'] = [];
    // Only what still waits matters: an action that already fired no longer looks at its trigger.
    const waiting = rest.filter((a) => a.status === 'pending');
    for (const change of repointDependents(action, waiting)) {
      const dependent = waiting.find((a) => a.id === change.id)!;
      let dueAt = dependent.dueAt;
      if (dueAt === null) {
        const milestone = plan.milestones.find((m) => m.id === dependent.milestoneId)!;
        const happened = await triggerEventAt(tx, { ...change, milestone, kickoffAt, actions: rest });
        dueAt = dueFrom(
          { ...change, delayDays: dependent.delayDays },
          happened ? now : null,
          account.calendar,
          account.kickoffDate,
        );
      }
      await tx.action.update({
        where: { id: dependent.id },
        data: { triggerKind: change.triggerKind, afterActionKey: change.afterActionKey, dueAt },
      });
      const waitsOn = change.afterActionKey ? (rest.find((a) => a.key === change.afterActionKey)?.name ?? null) : null;
      repointed.push({ name: dependent.name, waitsOn, dueAt });
    }
    const deleted = await tx.action.deleteMany({ where: { id: action.id, status: { in: [...REMOVABLE] } } });
    if (deleted.count !== 1)
      throw new AppError('conflict', `"${action.name}" changed while you were removing it; look again.`);
    await renumberActions(tx, rest);
    await recordAuditEvent(tx, {
      organizationId: account.organizationId,
      accountId: account.id,
      entityType: 'action',
      entityId: action.id,
      actor: person.auditActor,
      from: action.status,
      to: 'removed',
      reason: o.reason || 'removed from the plan',
      data: {
        key: action.key,
        name: action.name,
        milestone: plan.milestones.find((m) => m.id === action.milestoneId)?.name ?? null,
        repointed: repointed.map((r) => ({ ...r, dueAt: r.dueAt?.toISOString() ?? null })),
      },
      at: now,
    });
    await refreshNextActionAt(tx, [account.id]);
    return {
      actionId: action.id,
      accountId: account.id,
      name: action.name,
      reviewCard:
        action.reviewCardChannel && action.reviewCardTs
          ? { channel: action.reviewCardChannel, ts: action.reviewCardTs }
          : null,
      repointed,
    };
  });
}
