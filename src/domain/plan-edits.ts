/**
 * The rules of changing one account's plan by hand (adding, moving and removing actions), as pure functions the
 * plan services apply inside their transactions. The template the plan came from is never involved.
 *
 * - Plan order is milestone by milestone, and within a milestone the order the CSM sees. An action may only wait
 *   on an action before it in plan order (the rule templates are held to at import), so moving an action before
 *   the one it waits on, or after one that waits on it, is refused with both names.
 * - Moving an action changes where it stands and which milestone it counts in; what it waits on stays the same
 *   (an action that waits on its milestone's start then waits on its new milestone's start).
 * - Removing an action that others wait on hands them what it waited on: they wait on the action it waited on, in
 *   the same way (its trigger kind), or, when it waited on no action, on their own milestone's start. Their own
 *   delays stay.
 */
import { checkLine } from './checked';
import { PORTAL_TYPES, type ActionType, type TriggerKind } from './template';
import { resolveAfterKey } from './triggers';

/** One action of the plan, in plan order, as the ordering rules need it. */
export interface OrderedAction {
  id: string;
  key: string;
  name: string;
  milestoneId: string;
  triggerKind: TriggerKind;
  afterActionKey: string | null;
}

/** Where an action goes: at the start of a milestone, or right after an action (in that action's milestone). */
export interface Placement {
  milestoneId: string;
  afterActionId: string | null;
}

/**
 * The plan order with `item` placed (taken out of where it was first, when it was there). `milestoneIds` is the
 * account's milestones in order, so an empty milestone still has a place. Throws for a placement after an action
 * not in the order or in another milestone: the caller checks placements it got from outside (placementProblem).
 */
export function placeAction<T extends OrderedAction, U extends OrderedAction>(
  order: readonly T[],
  item: U,
  placement: Placement,
  milestoneIds: readonly string[],
): (T | U)[] {
  const rest: (T | U)[] = order.filter((a) => a.id !== item.id);
  const placed = { ...item, milestoneId: placement.milestoneId };
  let at: number;
  if (placement.afterActionId !== null) {
    at = rest.findIndex((a) => a.id === placement.afterActionId) + 1;
    if (at === 0 || rest[at - 1]!.milestoneId !== placement.milestoneId)
      throw new Error('placement after an action that is not in that milestone');
  } else {
    const rank = milestoneIds.indexOf(placement.milestoneId);
    if (rank < 0) throw new Error('placement in a milestone that is not in the plan');
    const before = new Set(milestoneIds.slice(0, rank));
    // After every action of the milestones before it: the start of this milestone.
    at = rest.filter((a) => before.has(a.milestoneId)).length;
  }
  return [...rest.slice(0, at), placed, ...rest.slice(at)];
}

/** Why a placement cannot be used (an action that is not there, or is the one being moved), or null. */
export function placementProblem(
  order: readonly OrderedAction[],
  placement: Placement,
  milestoneIds: readonly string[],
  movingId?: string,
): string | null {
  if (!milestoneIds.includes(placement.milestoneId)) return 'That milestone is not in this plan (any more).';
  if (placement.afterActionId === null) return null;
  if (placement.afterActionId === movingId) return 'An action cannot be placed after itself.';
  const after = order.find((a) => a.id === placement.afterActionId);
  if (!after || after.milestoneId !== placement.milestoneId) return 'That place is not in this plan (any more).';
  return null;
}

function waitsOnAction(kind: TriggerKind): boolean {
  return kind === 'previous_action' || kind === 'submission';
}

/** The first action that would wait on one after it in this order, said in words; null when the order is sound. */
export function planOrderProblem(order: readonly OrderedAction[]): string | null {
  const seen = new Map<string, OrderedAction>();
  const byKey = new Map(order.map((a) => [a.key, a]));
  for (const a of order) {
    if (waitsOnAction(a.triggerKind) && a.afterActionKey !== null && !seen.has(a.afterActionKey)) {
      const target = byKey.get(a.afterActionKey);
      if (target) return `"${a.name}" waits for "${target.name}", so it must come after it in the plan.`;
    }
    seen.set(a.key, a);
  }
  return null;
}

/**
 * What an action placed at `index` of the order waits on when nothing is chosen: the action just before it in the
 * same milestone (templates' default), or nothing (its milestone's start) when it is the first.
 */
export function defaultAfterKey(order: readonly OrderedAction[], index: number): string | null {
  const items = order.map((a, i) => ({
    key: a.key,
    milestoneIndex: milestoneRank(order, i),
    trigger: { kind: i === index ? ('previous_action' as const) : a.triggerKind },
  }));
  return resolveAfterKey(items, index);
}

/** A number per milestone that changes exactly when the milestone does along the order. */
function milestoneRank(order: readonly OrderedAction[], index: number): number {
  let rank = 0;
  for (let i = 1; i <= index; i++) if (order[i]!.milestoneId !== order[i - 1]!.milestoneId) rank++;
  return rank;
}

/** The trigger of an action that waited on one that is removed: it inherits what the removed action waited on. */
export interface RepointedTrigger {
  id: string;
  triggerKind: TriggerKind;
  afterActionKey: string | null;
}

export function repointDependents(
  removed: { key: string; triggerKind: TriggerKind; afterActionKey: string | null },
  dependents: readonly { id: string; triggerKind: TriggerKind; afterActionKey: string | null }[],
): RepointedTrigger[] {
  const inherits = waitsOnAction(removed.triggerKind) && removed.afterActionKey !== null;
  return dependents
    .filter((d) => waitsOnAction(d.triggerKind) && d.afterActionKey === removed.key)
    .map((d) =>
      inherits
        ? { id: d.id, triggerKind: removed.triggerKind, afterActionKey: removed.afterActionKey }
        : { id: d.id, triggerKind: 'previous_action', afterActionKey: null },
    );
}

/** A key for an action added by hand: its name as a slug, unique among the plan's keys ("call-legal", "call-legal-2"). */
export function actionKeyFor(name: string, taken: ReadonlySet<string>): string {
  const slug =
    name
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'action';
  if (!taken.has(slug)) return slug;
  for (let n = 2; ; n++) if (!taken.has(`${slug}-${n}`)) return `${slug}-${n}`;
}

/** The action types a CSM can add by hand; a portal form needs its fields, which only a template defines. */
export const AD_HOC_ACTION_TYPES = [
  'email',
  'slack_message',
  'portal_document',
  'internal_task',
] as const satisfies readonly ActionType[];

export const MAX_DELAY_DAYS = 250;

export interface AdHocProblem {
  field: 'name' | 'type' | 'triggerKind' | 'delayDays' | 'afterActionKey';
  message: string;
}

/** The checks an action added by hand must pass, field by field. `waitsOn` is the action it would wait on. */
export function adHocActionProblems(input: {
  name: string;
  type: string;
  triggerKind: TriggerKind;
  delayDays: number;
  waitsOn: { name: string; type: ActionType } | null;
}): AdHocProblem[] {
  const problems: AdHocProblem[] = [];
  const name = checkLine(input.name, { label: 'The name', max: 200 });
  if (!name.ok) problems.push({ field: 'name', message: name.message });
  if (!(AD_HOC_ACTION_TYPES as readonly string[]).includes(input.type)) {
    problems.push({
      field: 'type',
      message:
        input.type === 'portal_form'
          ? 'A portal form needs its fields, which only a template defines: add it from the template.'
          : 'Pick an email, a Slack message, a document request or an internal task.',
    });
  }
  problems.push(...delayProblems(input.triggerKind, input.delayDays));
  problems.push(...waitProblems(input.triggerKind, input.waitsOn));
  return problems;
}

/** A delay is whole business days, not negative unless counted from the kickoff, and within a year. */
export function delayProblems(triggerKind: TriggerKind, delayDays: number): AdHocProblem[] {
  if (!Number.isInteger(delayDays))
    return [{ field: 'delayDays', message: 'The delay is a whole number of business days.' }];
  if (delayDays < 0 && triggerKind !== 'kickoff_offset')
    return [{ field: 'delayDays', message: 'Only a delay counted from the kickoff can be negative.' }];
  if (Math.abs(delayDays) > MAX_DELAY_DAYS)
    return [{ field: 'delayDays', message: `Keep the delay within ${MAX_DELAY_DAYS} business days.` }];
  return [];
}

/** A submission trigger waits on a portal request; the other kinds wait on nothing or on any action. */
export function waitProblems(
  triggerKind: TriggerKind,
  waitsOn: { name: string; type: ActionType } | null,
): AdHocProblem[] {
  if (triggerKind !== 'submission') return [];
  if (!waitsOn) return [{ field: 'afterActionKey', message: 'Pick the portal request whose answer it waits for.' }];
  if (!PORTAL_TYPES.includes(waitsOn.type))
    return [
      {
        field: 'afterActionKey',
        message: `"${waitsOn.name}" is not a portal request; customers only answer portal forms and documents.`,
      },
    ];
  return [];
}
