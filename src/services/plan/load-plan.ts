/**
 * An account's plan as the plan changes need it, inside their transaction: milestones in order, and actions in plan
 * order (milestone by milestone, then by position), with what the ordering, trigger and due-time rules read.
 */
import { PROJECTED_MILESTONE_COLUMNS } from './projected-milestone-columns';
import { computeDueAt, triggerAnchor } from '../../domain/triggers';
import type { BusinessCalendar } from '../../domain/business-days';
import { AppError } from '../../lib/errors';
import type { Tx } from '../context';

export async function loadPlan(tx: Tx, accountId: string) {
  const milestones = await tx.milestone.findMany({
    where: { accountId },
    orderBy: { position: 'asc' },
    select: { ...PROJECTED_MILESTONE_COLUMNS, position: true },
  });
  const rank = new Map(milestones.map((m, i) => [m.id, i]));
  const actions = await tx.action.findMany({
    where: { accountId },
    select: {
      id: true,
      key: true,
      name: true,
      type: true,
      status: true,
      milestoneId: true,
      position: true,
      triggerKind: true,
      delayDays: true,
      afterActionKey: true,
      dueAt: true,
      executedAt: true,
      completedAt: true,
      skippedAt: true,
      reviewCardChannel: true,
      reviewCardTs: true,
    },
  });
  actions.sort((a, b) => rank.get(a.milestoneId)! - rank.get(b.milestoneId)! || a.position - b.position);
  return { milestones, actions };
}

export type LoadedPlan = Awaited<ReturnType<typeof loadPlan>>;
export type PlanRow = LoadedPlan['actions'][number];
export type PlanMilestoneRow = LoadedPlan['milestones'][number];

/**
 * The action of a loaded plan that a change is about, refused unless its state is one the change allows
 * ("only an action not sent yet can <doing>").
 */
export function unsentPlanAction(
  plan: LoadedPlan,
  actionId: string,
  allowed: readonly string[],
  doing: string,
): PlanRow {
  const action = plan.actions.find((a) => a.id === actionId);
  if (!action) throw new AppError('not_found', 'that action is not in the plan (any more).');
  if (!allowed.includes(action.status)) {
    throw new AppError(
      'illegal_transition',
      `"${action.name}" is ${action.status.replace('_', ' ')}; only an action not sent yet can ${doing}.`,
    );
  }
  return action;
}

/** Writes plan order back as positions 0…n−1, touching only the rows whose position changes. */
export async function renumberActions(tx: Tx, order: readonly { id: string; position: number }[]): Promise<void> {
  for (const [index, action] of order.entries()) {
    if (action.position !== index) await tx.action.update({ where: { id: action.id }, data: { position: index } });
  }
}

/** Whether a milestone has started (and so its start triggers have counted). */
export function hasStarted(m: { status: string; startedAt: Date | null }): m is { status: string; startedAt: Date } {
  return m.status !== 'pending' && m.startedAt !== null;
}

/**
 * When the event an action's trigger counts from happened, or null while it has not (or never will: manual). An
 * action done counts from when it was sent or completed; a skipped one released what waited on it when it was
 * skipped; a submission trigger counts from the customer's first answer.
 */
export async function triggerEventAt(
  tx: Tx,
  o: {
    triggerKind: PlanRow['triggerKind'];
    afterActionKey: string | null;
    milestone: { status: string; startedAt: Date | null };
    kickoffAt: Date;
    actions: readonly PlanRow[];
  },
): Promise<Date | null> {
  switch (triggerAnchor(o.triggerKind, o.afterActionKey)) {
    case 'manual':
      return null;
    case 'kickoff':
      return o.kickoffAt;
    case 'milestone_start':
      return hasStarted(o.milestone) ? o.milestone.startedAt : null;
    case 'action_done': {
      const waited = o.actions.find((a) => a.key === o.afterActionKey);
      return waited ? (waited.executedAt ?? waited.completedAt ?? waited.skippedAt) : null;
    }
    case 'submission': {
      const waited = o.actions.find((a) => a.key === o.afterActionKey);
      if (!waited) return null;
      const first = await tx.submission.findFirst({
        where: { actionId: waited.id },
        orderBy: { createdAt: 'asc' },
        select: { createdAt: true },
      });
      return first?.createdAt ?? null;
    }
  }
}

/** The due time of a trigger whose event happened at `eventAt` (null: not yet, so no due time). */
export function dueFrom(
  trigger: { triggerKind: PlanRow['triggerKind']; delayDays: number; afterActionKey: string | null },
  eventAt: Date | null,
  calendar: BusinessCalendar,
  kickoffDate: Date,
): Date | null {
  if (!eventAt) return null;
  return computeDueAt(
    { kind: trigger.triggerKind, delayDays: trigger.delayDays },
    {
      calendar,
      kickoffDate,
      afterActionKey: trigger.afterActionKey,
      milestoneStartedAt: eventAt,
      afterActionDoneAt: eventAt,
      submissionAt: eventAt,
    },
  );
}
