/**
 * An account's plan played in memory with the engine's own rules (src/domain/plan-engine.ts, the action and
 * milestone state machines, instantiatePlan): what the services do to the database, done to plain objects, so
 * a property test can play thousands of onboardings in a second. It holds no rule of its own beyond what people
 * and the scheduler may do next (the moves), and what the services already refuse (a form without questions
 * cannot be answered).
 */
import { nextActionStatus, isOpenAction, type ActionEvent, type ActionStatus } from '../../../src/domain/action-state';
import type { BusinessCalendar } from '../../../src/domain/business-days';
import { nextMilestoneStatus, type MilestoneStatus } from '../../../src/domain/milestone-state';
import { instantiatePlan } from '../../../src/domain/plan';
import {
  checkStartNow,
  completionRefusal,
  dueAtAfter,
  isDue,
  milestoneStartingAfter,
  planEventsOf,
  type PlanEvent,
  type TriggeredAction,
} from '../../../src/domain/plan-engine';
import { PORTAL_TYPES, type ActionType, type TemplateSpec } from '../../../src/domain/template';

export interface ModelAction extends TriggeredAction {
  key: string;
  name: string;
  type: ActionType;
  /** The customer can answer it (a portal form needs questions). */
  answerable: boolean;
  /** It became ready through its trigger (or "Start now"). */
  fired: boolean;
  /** Skipped by a person before it fired. */
  skippedUnfired: boolean;
}

export interface ModelMilestone {
  id: string;
  position: number;
  name: string;
  status: MilestoneStatus;
}

export interface PlanModel {
  now: Date;
  calendar: BusinessCalendar;
  kickoffDate: Date;
  actions: ModelAction[];
  milestones: ModelMilestone[];
  /** What was played, for the failure message. */
  log: string[];
}

export type Move =
  | { kind: 'tick' }
  | {
      kind: 'start_now' | 'execute' | 'done' | 'customer_answers' | 'request_changes' | 'redraft' | 'skip';
      key: string;
    }
  | { kind: 'start_milestone' | 'block' | 'unblock' | 'complete_milestone'; position: number }
  | { kind: 'complete_milestone_anyway'; position: number };

export function newPlanModel(
  template: TemplateSpec,
  options: { kickoffDate: Date; calendar: BusinessCalendar; createdAt: Date },
): PlanModel {
  const plan = instantiatePlan(template, { kickoffDate: options.kickoffDate, calendar: options.calendar });
  const specs = template.milestones.flatMap((m) => m.actions);
  return {
    now: options.createdAt,
    calendar: options.calendar,
    kickoffDate: options.kickoffDate,
    milestones: plan.milestones.map((m) => ({
      id: `m${m.position}`,
      position: m.position,
      name: m.name,
      status: m.status,
    })),
    actions: plan.actions.map((a, i) => ({
      key: a.key,
      name: a.name,
      type: a.type,
      milestoneId: `m${a.milestoneIndex}`,
      status: 'pending',
      dueAt: a.dueAt,
      triggerKind: a.triggerKind,
      delayDays: a.delayDays,
      afterActionKey: a.afterActionKey,
      answerable: a.type !== 'portal_form' || (specs[i]?.formFields ?? []).length > 0,
      fired: false,
      skippedUnfired: false,
    })),
    log: [],
  };
}

function openIn(model: PlanModel, milestone: ModelMilestone): number {
  return model.actions.filter((a) => a.milestoneId === milestone.id && isOpenAction(a.status)).length;
}

/**
 * Every move someone could make now: the scheduler's tick (time passes to the next due action), the CSM's steps on
 * actions and milestones, the customer's answers. `finishing` leaves out the moves that only go sideways or
 * backwards (skips, blocks, sending back, overriding), so playing the first one repeatedly must reach the end.
 */
export function movesOf(model: PlanModel, options: { finishing: boolean }): Move[] {
  const moves: Move[] = [];
  for (const m of model.milestones) {
    if (m.status === 'blocked') moves.push({ kind: 'unblock', position: m.position });
  }
  for (const a of model.actions) {
    if (a.status === 'review_pending') moves.push({ kind: 'redraft', key: a.key });
    if (a.status === 'ready') moves.push({ kind: a.type === 'internal_task' ? 'done' : 'execute', key: a.key });
    if (a.status === 'executed' && (!PORTAL_TYPES.includes(a.type) || a.answerable))
      moves.push({ kind: 'customer_answers', key: a.key });
    const start = checkStartNow(a);
    if (start.ok && start.value === 'start') moves.push({ kind: 'start_now', key: a.key });
  }
  for (const m of model.milestones) {
    if (m.status === 'in_progress' && completionRefusal(m, openIn(model, m)) === null)
      moves.push({ kind: 'complete_milestone', position: m.position });
  }
  if (model.actions.some((a) => a.status === 'pending' && a.dueAt !== null)) moves.push({ kind: 'tick' });
  if (options.finishing) return moves;

  for (const a of model.actions) {
    if (a.status === 'ready') moves.push({ kind: 'request_changes', key: a.key });
    if (a.status === 'pending' || a.status === 'ready' || a.status === 'review_pending')
      moves.push({ kind: 'skip', key: a.key });
  }
  for (const m of model.milestones) {
    if (m.status === 'pending') moves.push({ kind: 'start_milestone', position: m.position });
    if (m.status === 'in_progress') moves.push({ kind: 'block', position: m.position });
    if (m.status === 'in_progress' && openIn(model, m) > 0)
      moves.push({ kind: 'complete_milestone_anyway', position: m.position });
  }
  return moves;
}

function release(model: PlanModel, event: PlanEvent): void {
  for (const a of model.actions) {
    const dueAt = dueAtAfter(a, event, model);
    if (dueAt) a.dueAt = dueAt;
  }
}

function transition(model: PlanModel, action: ModelAction, events: readonly ActionEvent[]): void {
  for (const event of events) {
    action.status = nextActionStatus(action.status, event, { type: action.type });
    for (const e of planEventsOf(action, event, model.now)) release(model, e);
  }
}

function describeMove(move: Move): string {
  return 'key' in move ? `${move.kind} ${move.key}` : 'position' in move ? `${move.kind} #${move.position}` : move.kind;
}

export function play(model: PlanModel, move: Move): void {
  model.log.push(describeMove(move));
  switch (move.kind) {
    case 'tick': {
      // Time passes to the next due action; the scheduler fires everything due by then.
      const next = Math.min(
        ...model.actions.filter((a) => a.status === 'pending' && a.dueAt).map((a) => a.dueAt!.getTime()),
      );
      model.now = new Date(Math.max(model.now.getTime(), next));
      for (const a of model.actions) {
        if (!isDue(a, model.now)) continue;
        transition(model, a, ['fire']);
        a.fired = true;
      }
      return;
    }
    case 'start_now':
      action(model, move.key).dueAt = model.now;
      return;
    case 'execute':
      transition(model, action(model, move.key), ['claim', 'sent']);
      return;
    case 'done':
    case 'customer_answers':
      transition(model, action(model, move.key), ['complete']);
      return;
    case 'request_changes':
      transition(model, action(model, move.key), ['request_changes']);
      return;
    case 'redraft':
      transition(model, action(model, move.key), ['redraft']);
      return;
    case 'skip': {
      const a = action(model, move.key);
      if (a.status === 'pending') a.skippedUnfired = true;
      transition(model, a, ['skip']);
      return;
    }
    case 'start_milestone': {
      const m = milestone(model, move.position);
      m.status = nextMilestoneStatus(m.status, 'start');
      release(model, { kind: 'milestone_started', milestoneId: m.id, at: model.now });
      return;
    }
    case 'block':
    case 'unblock': {
      const m = milestone(model, move.position);
      m.status = nextMilestoneStatus(m.status, move.kind, { note: 'Waiting on the customer' });
      return;
    }
    case 'complete_milestone':
    case 'complete_milestone_anyway': {
      const m = milestone(model, move.position);
      const refusal = completionRefusal(
        m,
        openIn(model, m),
        move.kind === 'complete_milestone_anyway' ? 'asked to' : undefined,
      );
      if (refusal) throw new Error(refusal);
      m.status = nextMilestoneStatus(m.status, 'complete');
      const next = milestoneStartingAfter(model.milestones, m.position);
      if (next) {
        next.status = nextMilestoneStatus(next.status, 'start');
        release(model, { kind: 'milestone_started', milestoneId: next.id, at: model.now });
      }
      return;
    }
  }
}

function action(model: PlanModel, key: string): ModelAction {
  const found = model.actions.find((a) => a.key === key);
  if (!found) throw new Error(`no action ${key}`);
  return found;
}

function milestone(model: PlanModel, position: number): ModelMilestone {
  const found = model.milestones.find((m) => m.position === position);
  if (!found) throw new Error(`no milestone #${position}`);
  return found;
}

export interface PlayResult {
  steps: number;
  /** Actions left where nothing can move them, with their state. */
  stranded: string[];
}

/**
 * Plays the random choices (each picks one of the moves open at that point), then finishes the onboarding by
 * always taking the first forward move until none is left. What is left then, with milestones still open or
 * actions that never ended, is stranded.
 */
export function playToTheEnd(model: PlanModel, choices: readonly number[], maxSteps = 5_000): PlayResult {
  let steps = 0;
  for (const choice of choices) {
    const moves = movesOf(model, { finishing: false });
    if (moves.length === 0) break;
    // The kind of move first, then which one: otherwise the many skips on offer would crowd out the rest.
    const kinds = [...new Set(moves.map((m) => m.kind))];
    const kind = kinds[choice % kinds.length];
    const ofKind = moves.filter((m) => m.kind === kind);
    play(model, ofKind[Math.floor(choice / kinds.length) % ofKind.length]!);
    steps++;
  }
  for (;;) {
    const [move] = movesOf(model, { finishing: true });
    if (!move) break;
    if (++steps > maxSteps)
      throw new Error(`still playing after ${maxSteps} moves: ${model.log.slice(-20).join(', ')}`);
    play(model, move);
  }
  const stranded = [
    ...model.actions
      .filter((a) => isOpenAction(a.status) || (a.status === 'executed' && PORTAL_TYPES.includes(a.type)))
      .map((a) => describeStranded(a)),
    ...model.milestones.filter((m) => m.status !== 'completed').map((m) => `milestone ${m.name} (${m.status})`),
  ];
  return { steps, stranded };
}

function describeStranded(a: ModelAction): string {
  const waits = a.afterActionKey ? `, waits on ${a.afterActionKey}` : '';
  return `${a.key} (${a.status as ActionStatus}, ${a.triggerKind}${waits}, due ${a.dueAt?.toISOString() ?? 'never'})`;
}
